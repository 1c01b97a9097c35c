using GovChain.Ledger.Codec;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;
using Xunit;

namespace GovChain.Ledger.Tests.Transport;

/// <summary>The client API's wire records decode strictly, and the per-peer rate limit holds its burst.</summary>
public sealed class ClientApiCodecTests
{
    [Fact]
    public void RepliesAndRequestsRoundTripAndRejectMalformedBytes()
    {
        var reply = new SubmitReply(SubmitOutcome.Rejected, 7, -1, "nonce 3 but the actor's next nonce is 0");
        Assert.Equal(reply, SubmitReply.Decode(reply.Encode()));
        var status = new NodeStatus(9, Hash32.Compute("s"u8), new TreeHead(12, Hash32.Compute("r"u8), 9, Hash32.Compute("b"u8)));
        Assert.Equal(status, NodeStatus.Decode(status.Encode()));
        var request = new TrailRequest(new TrailQuery(TrailIndex.Consent, "c-1"));
        Assert.Equal(request, TrailRequest.Decode(request.Encode()));

        byte[] badOutcome = [.. reply.Encode()];
        badOutcome[0] = 4;
        Assert.Throws<LedgerFormatException>(() => SubmitReply.Decode(badOutcome));
        byte[] badIndex = [.. request.Encode()];
        badIndex[0] = 4;
        Assert.Throws<LedgerFormatException>(() => TrailRequest.Decode(badIndex));
        Assert.Throws<LedgerFormatException>(() => NodeStatus.Decode([.. status.Encode(), 0]));
        Assert.Throws<LedgerFormatException>(() => NodeStatus.Decode(status.Encode().AsSpan(0, 40)));
        Assert.Throws<LedgerFormatException>(() => SubmitReply.Decode([]));
    }

    [Fact]
    public void ATokenBucketGivesItsBurstAndThenRefuses()
    {
        var bucket = new TokenBucket(rate: 1e-9, burst: 5);
        Assert.Equal(5, Enumerable.Range(0, 20).Count(_ => bucket.TryTake()));
    }
}
