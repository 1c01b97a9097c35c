using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Signing;
using Xunit;

namespace GovChain.Ledger.Tests.Application;

/// <summary>The system contracts' rules, with real SM2-signed transactions.</summary>
public sealed class AuditStateMachineTests
{
    private const long Day = 86_400;
    private const long Now = 1_760_000_000;

    private static readonly Hash32 ChainId = Hash32.Compute("unit-chain"u8);
    private static readonly Sm2PrivateKey Agency = Key(1);
    private static readonly Sm2PrivateKey Bureau = Key(2);
    private static readonly Sm2PrivateKey OtherBureau = Key(3);
    private static readonly Sm2PrivateKey Subject = Key(4);
    private static readonly Sm2PrivateKey OtherSubject = Key(5);

    private readonly AuditStateMachine machine = new(ChainId, new Sm2SignatureVerifier(), [("agency-tax", Agency.PublicKey.ToUncompressed())]);
    private readonly Dictionary<Sm2PrivateKey, ulong> nonces = [];

    public AuditStateMachineTests()
    {
        Ok(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed()));
        Ok(Agency, new RegisterParticipant("bureau-b", ParticipantRole.Bureau, OtherBureau.PublicKey.ToUncompressed()));
        Ok(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed()));
        Ok(OtherSubject, new RegisterParticipant("citizen-2", ParticipantRole.Subject, OtherSubject.PublicKey.ToUncompressed()));
    }

    [Fact]
    public void RegistrationFollowsRoles()
    {
        var stranger = Key(9);
        Assert.Equal("only an agency registers other participants",
            Fail(Subject, new RegisterParticipant("bureau-x", ParticipantRole.Bureau, stranger.PublicKey.ToUncompressed())));
        Assert.Equal("a subject registers itself with its own key",
            Fail(stranger, new RegisterParticipant("citizen-9", ParticipantRole.Subject, Key(10).PublicKey.ToUncompressed())));
        Assert.Equal("actor is not a registered participant",
            Fail(stranger, new RegisterParticipant("bureau-9", ParticipantRole.Bureau, stranger.PublicKey.ToUncompressed())));
        Assert.Contains("already registered", Fail(Agency, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Key(11).PublicKey.ToUncompressed())), StringComparison.Ordinal);
        Assert.Equal(ParticipantRole.Bureau, machine.State.Participant("bureau-a")!.Role);
    }

    [Fact]
    public void ConsentRulesDependOnClassificationAndWindow()
    {
        Ok(Subject, Consent("c-general", DataClassification.General, Now, Now + (365 * Day)));
        Ok(Subject, Consent("c-important", DataClassification.Important, Now, Now + (90 * Day)));
        Assert.Equal("core data is never shared under consent", Fail(Subject, Consent("c-core", DataClassification.Core, Now, Now + Day)));
        Assert.Equal("General data may be consented for at most 365 days", Fail(Subject, Consent("c-forever", DataClassification.General, long.MinValue, long.MaxValue)));
        Assert.Equal("Important data may be consented for at most 90 days", Fail(Subject, Consent("c-long", DataClassification.Important, Now, Now + (91 * Day))));
        Assert.Equal("the consent window is empty or already over", Fail(Subject, Consent("c-past", DataClassification.General, Now - (10 * Day), Now - Day)));
        Assert.Equal("only a subject grants consent", Fail(Bureau, Consent("c-bureau", DataClassification.General, Now, Now + Day)));
        Assert.Equal("consent c-general already exists", Fail(Subject, Consent("c-general", DataClassification.General, Now, Now + Day)));
        Assert.Equal("nobody is not a registered bureau", Fail(Subject, Consent("c-nob", DataClassification.General, Now, Now + Day) with { Bureau = "nobody" }));

        Assert.Equal("only the consent's subject revokes it", Fail(OtherSubject, new RevokeConsent("c-general")));
        Ok(Subject, new RevokeConsent("c-general"), Now + 5);
        Assert.Equal(Now + 5, machine.State.Consent("c-general")!.RevokedAt);
        Assert.Equal("consent is already revoked", Fail(Subject, new RevokeConsent("c-general")));
    }

    [Fact]
    public void QueriesAreRecordedAllowedOrDeniedWithTheReason()
    {
        Ok(Subject, Consent("c1", DataClassification.General, Now, Now + (30 * Day)));
        Ok(Subject, Consent("c2", DataClassification.General, Now + (10 * Day), Now + (30 * Day)));

        Assert.Equal("allowed", Ok(Agency, Query("q1", "c1", "citizen-1", "tax"), Now + 1));
        Assert.Equal("denied: category court is outside the consent's scope", Ok(Agency, Query("q2", "c1", "citizen-1", "court"), Now + 1));
        Assert.Equal("denied: the consent was given to another bureau", Ok(Agency, Query("q3", "c1", "citizen-1", "tax") with { Bureau = "bureau-b" }, Now + 1));
        Assert.Equal("denied: the consent is for another subject", Ok(Agency, Query("q4", "c1", "citizen-2", "tax"), Now + 1));
        Assert.Equal("denied: consent not yet valid", Ok(Agency, Query("q5", "c2", "citizen-1", "tax"), Now + 1));
        Assert.Equal($"denied: consent expired at {Now + (30 * Day)}", Ok(Agency, Query("q6", "c1", "citizen-1", "tax"), Now + (30 * Day)));
        Assert.Equal("denied: no such consent", Ok(Agency, Query("q7", "nope", "citizen-1", "tax"), Now + 1));
        Ok(Subject, new RevokeConsent("c1"), Now + 2);
        Assert.Equal($"denied: consent revoked at {Now + 2}", Ok(Agency, Query("q8", "c1", "citizen-1", "tax"), Now + 3));

        Assert.True(machine.State.Query("q1")!.Allowed);
        Assert.Equal(("bureau-a", "agency-tax"), (machine.State.Query("q1")!.Bureau, machine.State.Query("q1")!.RecordedBy));
        Assert.False(machine.State.Query("q2")!.Allowed);
        Assert.Equal("only an agency node records queries", Fail(Bureau, Query("q9", "c1", "citizen-1", "tax")));
        Assert.Equal("citizen-2 is not a registered bureau", Fail(Agency, Query("q10", "c1", "citizen-1", "tax") with { Bureau = "citizen-2" }));
        Assert.Equal("query q1 already recorded", Fail(Agency, Query("q1", "c1", "citizen-1", "tax")));
    }

    [Fact]
    public void DenialsAreRecordedOnlyByAgencies()
    {
        var request = Hash32.Compute("request"u8);
        Ok(Agency, new RecordDenial("d1", "bureau-a", "licences.fetch", "citizen-1", "not the holder", request));
        Assert.Equal(("agency-tax", "not the holder"), (machine.State.Denial("d1")!.RecordedBy, machine.State.Denial("d1")!.Reason));
        Assert.Equal("only an agency node records denials", Fail(Bureau, new RecordDenial("d2", "bureau-a", "x", "", "r", request)));
        Assert.Equal("denial d1 already recorded", Fail(Agency, new RecordDenial("d1", "bureau-a", "x", "", "r", request)));
    }

    [Fact]
    public void CredentialsAndLicencesAreIssuedRevokedAndVerifiedAgainstTheirStatus()
    {
        var content = Hash32.Compute("commitment"u8);
        Ok(Agency, new IssueCredential("cred-1", CredentialKind.Credential, "citizen-1", "income", content));
        Ok(Agency, new IssueCredential("lic-1", CredentialKind.Licence, "citizen-1", "business-licence", content));
        Assert.Equal("only an agency issues credentials and licences", Fail(Bureau, new IssueCredential("cred-2", CredentialKind.Credential, "citizen-1", "income", content)));
        Assert.Equal("holder ghost is not registered", Fail(Agency, new IssueCredential("cred-3", CredentialKind.Credential, "ghost", "income", content)));

        Ok(Agency, new RecordProofVerification("v1", "cred-1", "bureau-a", content, true));
        Assert.Equal("only the issuer revokes a credential", Fail(Bureau, new RevokeCredential("cred-1")));
        Ok(Agency, new RevokeCredential("cred-1"));
        Ok(Agency, new RecordProofVerification("v2", "cred-1", "bureau-a", content, true));
        Ok(Agency, new RecordProofVerification("v3", "cred-404", "bureau-b", content, false));
        Assert.Equal("only an agency node records proof verifications", Fail(Bureau, new RecordProofVerification("v4", "cred-1", "bureau-a", content, true)));
        Assert.Equal("citizen-1 is not a registered bureau or agency", Fail(Agency, new RecordProofVerification("v5", "cred-1", "citizen-1", content, true)));

        Assert.Equal("active", machine.State.Verification("v1")!.CredentialStatus);
        Assert.Equal("revoked", machine.State.Verification("v2")!.CredentialStatus);
        Assert.Equal("unknown", machine.State.Verification("v3")!.CredentialStatus);
    }

    [Fact]
    public void ForgedReplayedAndMalformedTransactionsChangeNothing()
    {
        var payload = Consent("c-x", DataClassification.General, Now, Now + Day);
        var tx = LedgerTransaction.Sign(ChainId, Subject, nonces.GetValueOrDefault(Subject), payload);
        var root = machine.State.ComputeRoot();

        var badSignature = tx.Signature.ToArray();
        badSignature[10] ^= 1;
        Assert.Equal("signature does not verify", Apply(new LedgerTransaction(tx.Actor, tx.Nonce, tx.Payload, badSignature)).Reason);
        Assert.Equal("signature does not verify", Apply(new LedgerTransaction(tx.Actor, tx.Nonce, payload with { Expires = Now + 2 }, tx.Signature)).Reason);
        var otherChain = LedgerTransaction.Sign(Hash32.Compute("other"u8), Subject, tx.Nonce, payload);
        Assert.Equal("signature does not verify", Apply(otherChain).Reason);
        Assert.StartsWith("malformed: ", machine.Apply(tx.Encode().AsSpan(0, 30), Now).Reason, StringComparison.Ordinal);
        Assert.StartsWith("malformed: ", machine.Apply([.. tx.Encode(), 0], Now).Reason, StringComparison.Ordinal);
        Assert.Equal(root, machine.State.ComputeRoot());

        Assert.True(Apply(tx).Accepted);
        Assert.NotEqual(root, machine.State.ComputeRoot());
        var afterFirst = machine.State.ComputeRoot();
        Assert.Equal($"nonce {tx.Nonce} but the actor's next nonce is {tx.Nonce + 1}", Apply(tx).Reason);
        Assert.Equal(afterFirst, machine.State.ComputeRoot());
    }

    [Fact]
    public void ReplicasApplyingTheSameTransactionsReachTheSameRoot()
    {
        var replica = new AuditStateMachine(ChainId, new Sm2SignatureVerifier(), [("agency-tax", Agency.PublicKey.ToUncompressed())]);
        var log = new List<byte[]>
        {
            LedgerTransaction.Sign(ChainId, Agency, nonces[Agency], new IssueCredential("cred-9", CredentialKind.Credential, "citizen-1", "income", Hash32.Zero)).Encode(),
            LedgerTransaction.Sign(ChainId, Subject, nonces[Subject], Consent("c9", DataClassification.General, Now, Now + Day)).Encode(),
        };

        // Replay this machine's own setup on the replica, then the same log on both.
        var setup = new AuditStateMachineTests();
        Assert.Equal(setup.machine.State.ComputeRoot(), machine.State.ComputeRoot());
        foreach (var tx in log)
        {
            Assert.True(machine.Apply(tx, Now).Accepted);
            Assert.True(setup.machine.Apply(tx, Now).Accepted);
        }

        Assert.Equal(setup.machine.State.ComputeRoot(), machine.State.ComputeRoot());
        Assert.NotEqual(replica.State.ComputeRoot(), machine.State.ComputeRoot());
        Assert.False(replica.Apply(log[1], Now).Accepted); // the subject is not registered there
    }

    private static Sm2PrivateKey Key(byte n)
    {
        var scalar = new byte[32];
        scalar[31] = n;
        scalar[0] = 0x11;
        return Sm2PrivateKey.FromScalar(scalar);
    }

    private static GrantConsent Consent(string id, DataClassification classification, long from, long to) =>
        new(id, "bureau-a", "loan application", ["social-security", "tax"], classification, from, to);

    private static RecordQuery Query(string id, string consent, string subject, string category) =>
        new(id, consent, subject, "bureau-a", [category], Hash32.Compute("model"u8), Hash32.Compute("in"u8), Hash32.Compute("out"u8), Hash32.Compute("request"u8));

    private TransactionResult Apply(LedgerTransaction tx, long time = Now) => machine.Apply(tx.Encode(), time);

    private string Ok(Sm2PrivateKey actor, TransactionPayload payload, long time = Now)
    {
        var result = Apply(LedgerTransaction.Sign(ChainId, actor, nonces.GetValueOrDefault(actor), payload), time);
        Assert.True(result.Accepted, result.Reason);
        nonces[actor] = nonces.GetValueOrDefault(actor) + 1;
        return result.Reason;
    }

    private string Fail(Sm2PrivateKey actor, TransactionPayload payload)
    {
        var result = Apply(LedgerTransaction.Sign(ChainId, actor, nonces.GetValueOrDefault(actor), payload));
        Assert.False(result.Accepted);
        return result.Reason;
    }
}
