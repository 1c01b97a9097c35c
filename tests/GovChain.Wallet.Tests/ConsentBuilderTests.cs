using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Signing;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.Wallet.Tests;

/// <summary>The builder's transactions judged by the ledger's own contract code.</summary>
public sealed class ConsentBuilderTests
{
    private const long Day = 86_400;
    private static readonly Hash32 ChainId = Hash32.Compute("wallet-test-chain"u8);

    private readonly AuditStateMachine machine = new(ChainId, new Sm2SignatureVerifier(), [("agency-0", TestKeys.Issuer.PublicKey.ToUncompressed())]);

    public ConsentBuilderTests()
    {
        var bureau = TestKeys.Key(7);
        Apply(LedgerTransaction.Sign(ChainId, TestKeys.Issuer, 0, new RegisterParticipant("bureau-1", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())));
    }

    [Fact]
    public void LedgerAcceptsRegisterGrantAndRevoke()
    {
        Apply(ConsentBuilder.Register(TestKeys.Holder, ChainId, "citizen-1"));
        Assert.Equal(ParticipantRole.Subject, machine.State.Participant("citizen-1")!.Role);

        var grant = ConsentBuilder.Grant(TestKeys.Holder, ChainId, 1, "consent-1", "bureau-1", "loan application", ["tax", "income", "tax"],
            DataClassification.Important, TestKeys.Now, TestKeys.Now + (30 * Day));
        Assert.Equal(["income", "tax"], ((GrantConsent)grant.Payload).Categories);
        Apply(grant);
        var consent = machine.State.Consent("consent-1")!;
        Assert.Equal("citizen-1", consent.Subject);
        Assert.Equal(["income", "tax"], consent.Categories);

        Apply(ConsentBuilder.Revoke(TestKeys.Holder, ChainId, 2, "consent-1"));
        Assert.NotNull(machine.State.Consent("consent-1")!.RevokedAt);

        // Encoded transactions survive the wire form the ledger decodes.
        Assert.Equal(grant.Encode(), LedgerTransaction.Decode(grant.Encode()).Encode());
    }

    [Fact]
    public void ContractRulesFailEarly()
    {
        var key = TestKeys.Holder;
        Assert.Throws<ConsentRuleException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", [], DataClassification.General, 0, Day));
        Assert.Throws<ConsentRuleException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", ["tax"], DataClassification.General, Day, Day));
        Assert.Throws<ConsentRuleException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", ["tax"], DataClassification.Core, 0, Day));
        Assert.Throws<ConsentRuleException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", ["tax"], DataClassification.Important, 0, (90 * Day) + 1));
        Assert.Throws<ConsentRuleException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", ["tax"], DataClassification.General, long.MinValue, long.MaxValue));
        Assert.Throws<ConsentRuleException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", [.. Enumerable.Range(0, 33).Select(i => "c" + i)], DataClassification.General, 0, Day));
        Assert.Throws<WalletFormatException>(() => ConsentBuilder.Grant(key, ChainId, 1, "", "bureau-1", "p", ["tax"], DataClassification.General, 0, Day));
        Assert.Throws<WalletFormatException>(() => ConsentBuilder.Grant(key, ChainId, 1, "c", "bureau-1", "p", [""], DataClassification.General, 0, Day));

        // The longest windows the builder allows are the ones the ledger accepts.
        Apply(ConsentBuilder.Register(key, ChainId, "citizen-1"));
        Apply(ConsentBuilder.Grant(key, ChainId, 1, "c-90", "bureau-1", "p", ["tax"], DataClassification.Important, TestKeys.Now, TestKeys.Now + (90 * Day)));
        Apply(ConsentBuilder.Grant(key, ChainId, 2, "c-365", "bureau-1", "p", ["tax"], DataClassification.General, TestKeys.Now, TestKeys.Now + (365 * Day)));
    }

    private void Apply(LedgerTransaction tx)
    {
        var result = machine.Apply(tx.Encode(), TestKeys.Now);
        Assert.True(result.Accepted, result.Reason);
    }
}
