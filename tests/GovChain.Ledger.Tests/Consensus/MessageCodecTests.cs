using FsCheck.Xunit;
using GovChain.Ledger.Consensus;
using Xunit;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>Decoding is total: any bytes either decode to a message that re-encodes identically, or throw LedgerFormatException.</summary>
public sealed class MessageCodecTests
{
    private readonly ConsensusFixture fixture = new();

    [Property(MaxTest = 2000)]
    public void ArbitraryBytesNeverCrashTheDecoder(byte[] bytes, byte kind)
    {
        bytes ??= [];
        byte[] input = [(byte)(kind % 8), .. bytes];
        try
        {
            var message = ConsensusMessage.Decode(input);
            Assert.Equal(input, message.Encode());
        }
        catch (LedgerFormatException)
        {
            // The expected outcome for noise.
        }
    }

    [Fact]
    public void EveryTruncationAndTrailingByteIsRejected()
    {
        var proposal = fixture.FirstProposal(out var leader).Encode();
        var node = fixture.Node(2);
        node.Receive(1, proposal);
        var vote = node.DrainOutbox().Select(o => o.Message).OfType<VoteMessage>().Single().Encode();
        foreach (var message in new[] { proposal, vote, new BlockRequestMessage(0, leader.CommittedTip.Hash, 0).Encode(), new WakeMessage(0, 5).Encode() })
        {
            Assert.Equal(message, ConsensusMessage.Decode(message).Encode());
            for (var length = 0; length < message.Length; length++)
            {
                Assert.Throws<LedgerFormatException>(() => ConsensusMessage.Decode(message.AsSpan(0, length)));
            }

            Assert.Throws<LedgerFormatException>(() => ConsensusMessage.Decode([.. message, 0]));
        }
    }

    [Fact]
    public void GarbageIsDroppedWithAReason()
    {
        var node = fixture.Node(0);
        node.Receive(1, [0x09, 1, 2, 3]);
        node.Receive(1, [(byte)2, 0xff]);
        node.Receive(1, [(byte)5, 0xff, 0xff, 0xff, 0xff]);
        var reasons = node.DrainRejections();
        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, r => Assert.StartsWith("malformed: ", r.Reason, StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Reason.Contains("unknown consensus message kind 9", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Reason.Contains("exceeds the limit", StringComparison.Ordinal));
    }
}
