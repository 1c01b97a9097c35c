using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Storage;
using GovChain.TestSupport;
using Xunit;
using static GovChain.Ledger.Tests.Storage.StoreFixture;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>
/// A validator's state lives in its store and is loaded, not replayed, on reopen. The in-memory contracts, applying the
/// same transactions, are the reference: results, state roots and records must agree at every height.
/// </summary>
public sealed class StoredStateTests
{
    private readonly Dictionary<Sm2PrivateKey, ulong> nonces = [];

    [Fact]
    public void AStateReadBackFromTheStoreAfterEveryReopenAgreesWithTheInMemoryContracts()
    {
        var reference = new AuditStateMachine(Genesis.ChainId, Verifier, Agencies);
        using var dir = new TempDirectory();
        var blocks = Script();
        var rejections = new List<string>();
        for (var i = 0; i < blocks.Count; i++)
        {
            using var ledger = CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies);
            Assert.Equal(reference.State.ComputeRoot(), ledger.Machine.State.ComputeRoot());
            var time = T0 + i + 1;
            var results = ledger.Commit(NextBlock(ledger, blocks[i], time));
            var expected = blocks[i].Select(tx => reference.Apply(tx, time)).ToList();
            Assert.Equal(expected.Select(r => (r.Accepted, r.Reason)), results.Select(r => (r.Accepted, r.Reason)));
            Assert.Equal(reference.State.ComputeRoot(), ledger.Machine.State.ComputeRoot());
            rejections.AddRange(results.Where(r => !r.Accepted).Select(r => r.Reason));
            rejections.AddRange(results.SelectMany(r => r.BatchRecords).Where(o => !o.Accepted).Select(o => o.Reason));
        }

        // Each duplicate was found in a record that an earlier block (before a reopen) stored.
        Assert.Equal(5, rejections.Count);
        Assert.All(rejections, reason => Assert.Contains("already", reason, StringComparison.Ordinal));

        using var reopened = CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies);
        var (stored, memory) = (reopened.Machine.State, reference.State);
        Assert.Equal(memory.ComputeRoot(), stored.ComputeRoot());
        Assert.Equal(memory.Participant("citizen-1"), stored.Participant("citizen-1"));
        Assert.Equal(memory.ParticipantByPublicKey(Agency.PublicKey.ToUncompressed()), stored.ParticipantByPublicKey(Agency.PublicKey.ToUncompressed()));
        Assert.Equal(Encode(memory.Consent("c1")!), Encode(stored.Consent("c1")!));
        Assert.Equal(Encode(memory.Query("q4")!), Encode(stored.Query("q4")!));
        Assert.Equal(memory.Credential("cred-1"), stored.Credential("cred-1"));
        Assert.Equal(memory.Verification("v2"), stored.Verification("v2"));
        Assert.Equal(memory.Denial("d1"), stored.Denial("d1"));
        Assert.Null(stored.Query("q9"));
        Assert.StartsWith("denied: consent revoked at ", stored.Query("q4")!.Reason, StringComparison.Ordinal);
        Assert.Equal(10UL, stored.Participant("agency")!.NextNonce);
    }

    [Fact]
    public void AStoredDigestThatDoesNotMatchTheTipsStateRootIsRefused()
    {
        using var dir = new TempDirectory();
        using (var ledger = CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies))
        {
            ledger.Commit(NextBlock(ledger, Script()[0], T0 + 1));
        }

        RawStore.Edit(dir.Path, (db, family) =>
        {
            var digest = db.Get("state_digest"u8.ToArray(), family("meta"));
            digest[^1] ^= 1;
            db.Put("state_digest"u8.ToArray(), digest, family("meta"));
        });

        var refused = Assert.Throws<LedgerFormatException>(() => CommittedLedger.Open(dir.Path, Genesis, Verifier, Agencies));
        Assert.Contains("state digest does not match the state root of block 1", refused.Message);
    }

    /// <summary>Every contract, with updates and duplicates that must find records written blocks (and reopens) earlier.</summary>
    private List<byte[][]> Script()
    {
        nonces.Clear();
        var h = Hash32.Compute("x"u8);
        return
        [
            [
                Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed())),
                Tx(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())),
                Tx(Subject2, new RegisterParticipant("citizen-2", ParticipantRole.Subject, Subject2.PublicKey.ToUncompressed())),
            ],
            [
                Tx(Subject, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)),
                Tx(Agency, new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)),
                Tx(Agency, new RecordQuery("q2", "c1", "citizen-1", "bureau-a", ["court"], h, h, h, h)),
                Tx(Agency, new IssueCredential("cred-1", CredentialKind.Licence, "citizen-1", "business-licence", h)),
            ],
            [
                Rejected(Agency, new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)),
                Tx(Subject, new RevokeConsent("c1")),
                Tx(Agency, new RecordQuery("q3", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)),
                Tx(Agency, new RecordProofVerification("v1", "cred-1", "bureau-a", h, true)),
                Tx(Agency, new RecordDenial("d1", "bureau-a", "query", "citizen-1", "no consent", h)),
            ],
            [
                Tx(Agency, new RevokeCredential("cred-1")),
                Tx(Agency, new RecordProofVerification("v2", "cred-1", "bureau-a", h, true)),
                Tx(Agency, new RecordBatch([
                    new RecordQuery("q4", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h),
                    new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h),
                    new RecordDenial("d1", "bureau-a", "query", "citizen-1", "again", h),
                ])),
                Rejected(Agency, new RegisterParticipant("citizen-2", ParticipantRole.Subject, Key(9).PublicKey.ToUncompressed())),
                Rejected(Subject, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)),
            ],
        ];
    }

    /// <summary>A transaction the contracts will reject, which therefore does not use up the actor's nonce.</summary>
    private byte[] Rejected(Sm2PrivateKey key, TransactionPayload payload) =>
        LedgerTransaction.Sign(Genesis.ChainId, key, nonces.GetValueOrDefault(key), payload).Encode();

    private byte[] Tx(Sm2PrivateKey key, TransactionPayload payload)
    {
        var nonce = nonces.GetValueOrDefault(key);
        nonces[key] = nonce + 1;
        return LedgerTransaction.Sign(Genesis.ChainId, key, nonce, payload).Encode();
    }

    private static byte[] Encode(ConsentRecord c)
    {
        var w = new CanonicalWriter();
        StateRecordCodec.Write(w, c);
        return w.ToArray();
    }

    private static byte[] Encode(QueryRecord q)
    {
        var w = new CanonicalWriter();
        StateRecordCodec.Write(w, q);
        return w.ToArray();
    }
}
