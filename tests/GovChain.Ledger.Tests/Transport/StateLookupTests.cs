using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Transport;
using Xunit;

namespace GovChain.Ledger.Tests.Transport;

/// <summary>Lookups read committed contract records and carry them in their canonical encoding.</summary>
public sealed class StateLookupTests
{
    private const long Now = 1_760_000_000;
    private static readonly Hash32 ChainId = Hash32.Compute("lookup-chain"u8);

    [Fact]
    public void EveryRecordKindRoundTripsThroughALookup()
    {
        var agency = Sm2PrivateKey.Generate();
        var bureau = Sm2PrivateKey.Generate();
        var subject = Sm2PrivateKey.Generate();
        var machine = new AuditStateMachine(ChainId, new Sm2SignatureVerifier(), [("agency-0", agency.PublicKey.ToUncompressed())]);
        var h = Hash32.Compute("x"u8);
        Apply(machine, agency, 0, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed()));
        Apply(machine, subject, 0, new RegisterParticipant("citizen-1", ParticipantRole.Subject, subject.PublicKey.ToUncompressed()));
        Apply(machine, subject, 1, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, Now, Now + 86_400));
        Apply(machine, subject, 2, new RevokeConsent("c1"));
        Apply(machine, agency, 1, new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h));
        Apply(machine, agency, 2, new IssueCredential("cred-1", CredentialKind.Credential, "citizen-1", "credit-profile", h));
        Apply(machine, agency, 3, new RecordProofVerification("v1", "cred-1", "bureau-a", h, true));
        Apply(machine, agency, 4, new RecordDenial("d1", "bureau-a", "licences.fetch", "citizen-1", "not the holder", h));
        var state = machine.State;

        Assert.Equal(state.Participant("citizen-1"), Lookup(state, LookupKind.Participant, "citizen-1", StateRecordCodec.ReadParticipant));
        Assert.Equal(state.Participant("bureau-a"), Lookup(state, LookupKind.ParticipantByKey, Convert.ToHexString(bureau.PublicKey.ToUncompressed()), StateRecordCodec.ReadParticipant));
        var consent = Lookup(state, LookupKind.Consent, "c1", StateRecordCodec.ReadConsent)!;
        Assert.Equal(Now, consent.RevokedAt);
        Assert.Equal(["tax"], consent.Categories);
        var query = Lookup(state, LookupKind.Query, "q1", StateRecordCodec.ReadQuery)!;
        Assert.Equal(("bureau-a", "agency-0", false, $"denied: consent revoked at {Now}"), (query.Bureau, query.RecordedBy, query.Allowed, query.Reason));
        Assert.Equal(state.Credential("cred-1"), Lookup(state, LookupKind.Credential, "cred-1", StateRecordCodec.ReadCredential));
        Assert.Equal(state.Verification("v1"), Lookup(state, LookupKind.Verification, "v1", StateRecordCodec.ReadVerification));
        Assert.Equal(state.Denial("d1"), Lookup(state, LookupKind.Denial, "d1", StateRecordCodec.ReadDenial));
        Assert.Null(Lookup(state, LookupKind.Consent, "missing", StateRecordCodec.ReadConsent));
        Assert.Null(Lookup(state, LookupKind.ParticipantByKey, Convert.ToHexString(Sm2PrivateKey.Generate().PublicKey.ToUncompressed()), StateRecordCodec.ReadParticipant));
    }

    [Fact]
    public void MalformedLookupsAreFormatErrors()
    {
        var good = new LookupRequest(LookupKind.Consent, "c1").Encode();
        Assert.Equal(new LookupRequest(LookupKind.Consent, "c1"), LookupRequest.Decode(good));
        Assert.Throws<LedgerFormatException>(() => LookupRequest.Decode(good.AsSpan(0, good.Length - 1)));
        Assert.Throws<LedgerFormatException>(() => LookupRequest.Decode([.. good, 0]));
        var unknownKind = (byte[])good.Clone();
        unknownKind[0] = 99;
        Assert.Throws<LedgerFormatException>(() => LookupRequest.Decode(unknownKind));
        var state = new AuditState();
        Assert.Throws<LedgerFormatException>(() => new LookupRequest(LookupKind.ParticipantByKey, "zz").Answer(state, 0));
    }

    private static T? Lookup<T>(AuditState state, LookupKind kind, string key, StateReader<T> read)
        where T : class
    {
        var request = LookupRequest.Decode(new LookupRequest(kind, key).Encode());
        return LookupRequest.DecodeReply(request.Answer(state, 7), read);
    }

    private static void Apply(AuditStateMachine machine, Sm2PrivateKey actor, ulong nonce, TransactionPayload payload)
    {
        var result = machine.Apply(LedgerTransaction.Sign(ChainId, actor, nonce, payload).Encode(), Now);
        Assert.True(result.Accepted, result.Reason);
    }
}
