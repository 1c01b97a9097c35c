using GovChain.Ledger.Consensus;
using Xunit;

namespace GovChain.Ledger.Tests.Consensus;

public sealed class ValidatorSetChangeTests
{
    private readonly ConsensusFixture fixture = new();

    private ValidatorSet NewSet => new(fixture.Keys.PublicKeys.Skip(1).Append(new byte[] { 1, 2, 3 }));

    [Fact]
    public void NeedsAQuorumOfTheCurrentValidatorsForTheCurrentEpoch()
    {
        var chainId = fixture.Genesis.ChainId;
        var quorum = Enumerable.Range(0, 3).Select(i => (i, fixture.Keys.SignerFor(i)));
        var change = ValidatorSetChange.Create(chainId, 0, NewSet, quorum);
        Assert.True(change.IsValid(chainId, 0, fixture.Validators, fixture.Keys));
        Assert.False(change.IsValid(chainId, 1, fixture.Validators, fixture.Keys));
        Assert.False(change.IsValid(fixture.Genesis.Block.Parent, 0, fixture.Validators, fixture.Keys));

        var tooFew = ValidatorSetChange.Create(chainId, 0, NewSet, quorum.Take(2));
        Assert.False(tooFew.IsValid(chainId, 0, fixture.Validators, fixture.Keys));

        // Validator 3's key used for the slot of validator 2.
        var misattributed = ValidatorSetChange.Create(chainId, 0, NewSet, [(0, fixture.Keys.SignerFor(0)), (1, fixture.Keys.SignerFor(1)), (2, fixture.Keys.SignerFor(3))]);
        Assert.False(misattributed.IsValid(chainId, 0, fixture.Validators, fixture.Keys));

        var decoded = ValidatorSetChange.TryDecode(change.Encode())!;
        Assert.True(decoded.IsValid(chainId, 0, fixture.Validators, fixture.Keys));
        Assert.Null(ValidatorSetChange.TryDecode("an ordinary record"u8));
        Assert.Throws<LedgerFormatException>(() => ValidatorSetChange.TryDecode(change.Encode().AsSpan(0, 40)));
    }

    [Fact]
    public void ANodeRefusesAnInvalidChangeIntoItsPool()
    {
        var chainId = fixture.Genesis.ChainId;
        var node = fixture.Node(0);
        var tooFew = ValidatorSetChange.Create(chainId, 0, NewSet, Enumerable.Range(0, 2).Select(i => (i, fixture.Keys.SignerFor(i))));
        var valid = ValidatorSetChange.Create(chainId, 0, NewSet, Enumerable.Range(1, 3).Select(i => (i, fixture.Keys.SignerFor(i))));
        var truncated = valid.Encode()[..50];
        Assert.False(node.Submit(tooFew.Encode()));
        Assert.False(node.Submit(truncated));
        Assert.True(node.Submit(valid.Encode()));
    }
}
