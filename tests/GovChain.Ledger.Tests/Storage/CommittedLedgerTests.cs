using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.TestSupport;
using Xunit;
using static GovChain.Ledger.Tests.Storage.StoreFixture;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>RocksDB storage: atomic block commits, recovery on reopen, trail indexes with proofs, consensus state.</summary>
public sealed class CommittedLedgerTests
{
    private readonly GenesisConfig genesis = Genesis;
    private readonly Sm2SignatureVerifier verifier = Verifier;
    private readonly Dictionary<Sm2PrivateKey, ulong> nonces = [];

    [Fact]
    public void ReopenRecoversTheSameStateRootTreeHeadAndTrails()
    {
        using var dir = new TempDirectory();
        Hash32 stateRoot;
        GovChain.Ledger.Transparency.TreeHead head;
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            CommitScenario(ledger);
            stateRoot = ledger.Machine.State.ComputeRoot();
            head = ledger.Head;
            Assert.Equal(3, ledger.Height);
        }

        using var reopened = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        Assert.Equal(3, reopened.Height);
        Assert.Equal(stateRoot, reopened.Machine.State.ComputeRoot());
        Assert.Equal(head, reopened.Head);
        Assert.Equal("denied: category court is outside the consent's scope", reopened.Machine.State.Query("q2")!.Reason);

        // Subject trail: registration, consent, two queries (allowed and denied), revocation — each provable.
        var trail = reopened.Trail(TrailIndex.Subject, "citizen-1");
        Assert.Equal(5, trail.Count);
        foreach (var (leaf, record, proof) in trail)
        {
            Assert.True(proof.Verify(reopened.Log.Hasher, reopened.Log.Hasher.HashLeaf(record), head.RootHash));
            Assert.Equal(reopened.Log.LeafHash(leaf), reopened.Log.Hasher.HashLeaf(record));
        }

        Assert.Equal(5, reopened.Trail(TrailIndex.Bureau, "bureau-a").Count); // registration, consent, two queries, revocation
        Assert.Equal(4, reopened.Trail(TrailIndex.Consent, "c1").Count);
        Assert.Empty(reopened.Trail(TrailIndex.Subject, "citizen"));
        Assert.Single(reopened.Trail(TrailIndex.Subject, "citizen-2"));
        Assert.Equal(3, reopened.Trail(TrailIndex.Time, TrailQuery.FormatInterval(DateTimeOffset.FromUnixTimeSeconds(T0 + 2), DateTimeOffset.FromUnixTimeSeconds(T0 + 3))).Count);

        // The stored leaf hashes are the tree's own; levels 1–5 are stored only in whole chunks of 64 leaves.
        Assert.Equal(reopened.Log.LeafHash(3), reopened.Store.ReadMerkleNode(0, 3));
        Assert.Null(reopened.Store.ReadMerkleNode(2, 0));
    }

    /// <summary>
    /// A node that stops after blocks' own synced writes and before their derived records were written or flushed
    /// (a validator applies blocks behind its consensus loop, and derived records skip the WAL) holds only those
    /// blocks' bodies. Reopening applies them again: the result equals the same chain committed without a stop —
    /// state root, tree head, trails with proofs, every transaction's outcome.
    /// </summary>
    [Fact]
    public void StoredBlocksAboveTheDerivedRecordsAreAppliedAgainOnReopen()
    {
        using var whole = new TempDirectory();
        using var crashed = new TempDirectory();
        var blocks = new List<Block>();
        Hash32 stateRoot;
        GovChain.Ledger.Transparency.TreeHead head;
        List<(long Leaf, byte[] Record, GovChain.Ledger.Transparency.InclusionProof Proof)> trail;
        using (var ledger = CommittedLedger.Open(whole.Path, genesis, verifier, Agencies))
        {
            CommitScenario(ledger);
            LogDenials(ledger, 0, 150);
            blocks.AddRange(Enumerable.Range(1, (int)ledger.Height).Select(h => ledger.Store.ReadBlock(h)));
            (stateRoot, head, trail) = (ledger.Machine.State.ComputeRoot(), ledger.Head, ledger.Trail(TrailIndex.Subject, "citizen-1"));
        }

        using (var ledger = CommittedLedger.Open(crashed.Path, genesis, verifier, Agencies))
        {
            ledger.Commit(blocks[0]);
            var applied = ledger.Head;
            blocks.Skip(1).ToList().ForEach(ledger.StoreBlock);
            Assert.Equal((blocks[0].Height, blocks[^1].Height), ((ulong)ledger.Height, (ulong)ledger.StoredHeight));
            Assert.Equal(applied, ledger.Head);
            Assert.Null(ledger.Store.ReadTransactionRecord(blocks[^1].TransactionIds[0]));
            Assert.Equal(blocks[^1].Hash, ((ICommittedBlockArchive)ledger).Find(blocks[^1].Hash)?.Hash);
        }

        using var reopened = CommittedLedger.Open(crashed.Path, genesis, verifier, Agencies);
        Assert.Equal(blocks[^1].Height, (ulong)reopened.Height);
        Assert.Equal(stateRoot, reopened.Machine.State.ComputeRoot());
        Assert.Equal(head, reopened.Head);
        var again = reopened.Trail(TrailIndex.Subject, "citizen-1");
        Assert.Equal(trail.Select(t => (t.Leaf, Convert.ToHexString(t.Record), Convert.ToHexString(t.Proof.Encode()))),
            again.Select(t => (t.Leaf, Convert.ToHexString(t.Record), Convert.ToHexString(t.Proof.Encode()))));
        Assert.All(blocks.SelectMany(b => b.TransactionIds), id => Assert.NotNull(reopened.Store.ReadTransactionRecord(id)));
        Assert.Equal(reopened.Store.ReadBlock(reopened.Height).Hash, blocks[^1].Hash);
    }

    [Fact]
    public void BlocksAreStoredAndAppliedOnlyInHeightOrder()
    {
        using var dir = new TempDirectory();
        using var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        var first = NextBlock(ledger, [Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed()))], T0 + 1);
        var second = new Block(0, first.Round + 1, first.Height + 1, T0 + 2, 0, new QuorumCertificate(0, first.Round, first.Hash, []), []);

        Assert.Throws<ArgumentException>(() => ledger.ApplyStored(first)); // not stored yet
        Assert.Throws<ArgumentException>(() => ledger.StoreBlock(second)); // skips a height
        ledger.StoreBlock(first);
        Assert.Throws<ArgumentException>(() => ledger.StoreBlock(first)); // stored already
        Assert.Equal(0, ledger.Height);
        Assert.True(ledger.ApplyStored(first)[0].Accepted);
        Assert.Throws<ArgumentException>(() => ledger.ApplyStored(first)); // applied already
        Assert.Equal((1, 1), (ledger.Height, ledger.StoredHeight));
    }

    /// <summary>
    /// A transaction proposed again after it committed (a faulty leader, or a client's retry racing the commit)
    /// fails its nonce, and its first outcome — height, position, leaf — stays the one on record.
    /// </summary>
    [Fact]
    public void ARepeatedTransactionKeepsItsFirstOutcome()
    {
        using var dir = new TempDirectory();
        using var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        var register = Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed()));
        var id = Hash32.Compute(register);
        ledger.Commit(NextBlock(ledger, [register], T0 + 1));
        var first = ledger.Store.ReadTransactionRecord(id);

        var again = ledger.Commit(NextBlock(ledger, [Tx(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())), register, register], T0 + 2));

        Assert.Equal([true, false, false], again.Select(r => r.Accepted));
        Assert.StartsWith("nonce 0", again[1].Reason, StringComparison.Ordinal);
        Assert.Equal(first, ledger.Store.ReadTransactionRecord(id));

        // Within one block too: the second copy of a transaction accepted earlier in it leaves the first's record.
        var grant = Tx(Subject, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400));
        ledger.Commit(NextBlock(ledger, [grant, grant], T0 + 3));
        var record = new CanonicalReader(ledger.Store.ReadTransactionRecord(Hash32.Compute(grant)));
        Assert.Equal((3UL, 0U), (record.ReadUInt64(), record.ReadUInt32()));
        Assert.NotEqual(-1, record.ReadInt64());
        Assert.True(record.ReadBool());
    }

    /// <summary>
    /// The state remembers ids found absent where records refer to them (a consent named by queries); a block that
    /// then writes the record replaces that memory, in this ledger and in one reopened from its store.
    /// </summary>
    [Fact]
    public void AConsentNamedBeforeItExistsIsFoundOnceGranted()
    {
        using var dir = new TempDirectory();
        var h = Hash32.Compute("x"u8);
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            ledger.Commit(NextBlock(ledger,
            [
                Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed())),
                Tx(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())),
            ], T0 + 1));
            ledger.Commit(NextBlock(ledger, [Tx(Agency, new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h))], T0 + 2));
            Assert.Equal("denied: no such consent", ledger.Machine.State.Query("q1")!.Reason);

            ledger.Commit(NextBlock(ledger, [Tx(Subject, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400))], T0 + 3));
            ledger.Commit(NextBlock(ledger, [Tx(Agency, new RecordQuery("q2", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h))], T0 + 4));
            Assert.True(ledger.Machine.State.Query("q2")!.Allowed);
        }

        using var reopened = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        Assert.NotNull(reopened.Machine.State.Consent("c1"));
        Assert.Null(reopened.Machine.State.Consent("c2"));
        reopened.Commit(NextBlock(reopened, [Tx(Agency, new RecordQuery("q3", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h))], T0 + 5));
        Assert.True(reopened.Machine.State.Query("q3")!.Allowed);
    }

    [Fact]
    public void AReopenedLogKeepsOnlyItsUpperLevelsAndProvesOldRecordsFromTheStore()
    {
        using var dir = new TempDirectory();
        GovChain.Ledger.Transparency.TreeHead head;
        List<(long Leaf, byte[] Record, GovChain.Ledger.Transparency.InclusionProof Proof)> trail;
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            CommitScenario(ledger);
            LogDenials(ledger, 0, 150);
            LogDenials(ledger, 150, 150);
            head = ledger.Head;
            trail = ledger.Trail(TrailIndex.Subject, "citizen-1");
        }

        // 300 denials and the scenario's records: four complete chunks of 64 leaves and an incomplete fifth.
        Assert.InRange(head.TreeSize, 4 * 64 + 1, (5 * 64) - 1);
        using var reopened = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        Assert.Equal(head, reopened.Head);
        Assert.Equal(1, reopened.Log.ResidentChunks);

        var again = reopened.Trail(TrailIndex.Subject, "citizen-1");
        Assert.Equal(trail.Count, again.Count);
        Assert.Equal(trail.Select(t => t.Proof.Encode()), again.Select(t => t.Proof.Encode()));
        Assert.All(again, t => Assert.True(t.Proof.Verify(reopened.Log.Hasher, reopened.Log.Hasher.HashLeaf(t.Record), head.RootHash)));
        for (var leaf = 0L; leaf < head.TreeSize; leaf++)
        {
            Assert.Equal(reopened.Store.ReadMerkleNode(0, leaf), reopened.Log.LeafHash(leaf));
        }

        Assert.Equal(head.RootHash, reopened.Log.RootAt(head.TreeSize));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ADamagedStoredChunkFailsTheProofsOfItsLeavesNotTheNodeOrOtherProofs(bool storedWhole)
    {
        using var dir = new TempDirectory();
        GovChain.Ledger.Transparency.TreeHead head;
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            CommitScenario(ledger);
            LogDenials(ledger, 0, 200);
            head = ledger.Head;
        }

        RawStore.Edit(dir.Path, (raw, family) =>
        {
            var chunkKey = new byte[9];
            chunkKey[0] = 0x80;
            System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(chunkKey.AsSpan(1), 1);
            var chunk = raw.Get(chunkKey, family("merkle"));
            Assert.Equal(126 * 32, chunk.Length);
            if (storedWhole)
            {
                // Its top right node, the one its root is checked against with the top left.
                chunk[(125 * 32) + 7] ^= 1;
                raw.Put(chunkKey, chunk, family("merkle"));
            }
            else
            {
                // A store from before chunks were stored whole: the chunk is rebuilt from its leaf hashes.
                raw.Remove(chunkKey, family("merkle"));
                var leafKey = new byte[9];
                System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(leafKey.AsSpan(1), 70);
                var hash = raw.Get(leafKey, family("merkle"));
                hash[0] ^= 1;
                raw.Put(leafKey, hash, family("merkle"));
            }
        });

        using var reopened = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        Assert.Equal(head, reopened.Head);
        var refused = Assert.Throws<LedgerFormatException>(() => reopened.Log.InclusionProof(100, head.TreeSize));
        Assert.Contains("leaves 64–127", refused.Message);
        Assert.True(reopened.Log.InclusionProof(10, head.TreeSize).Verify(reopened.Log.Hasher, reopened.Log.LeafHash(10), head.RootHash));
        Assert.True(reopened.Log.InclusionProof(150, head.TreeSize).Verify(reopened.Log.Hasher, reopened.Log.LeafHash(150), head.RootHash));
    }

    [Fact]
    public void RejectedTransactionsAreRecordedButNotLogged()
    {
        using var dir = new TempDirectory();
        using var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        var forged = LedgerTransaction.Sign(genesis.ChainId, Bureau, 0, new RegisterParticipant("x", ParticipantRole.Bureau, Key(9).PublicKey.ToUncompressed()));
        var sizeBefore = ledger.Log.Size;
        var results = ledger.Commit(NextBlock(ledger, [forged.Encode()]));
        Assert.False(Assert.Single(results).Accepted);
        Assert.Equal(sizeBefore, ledger.Log.Size);
        var reader = new CanonicalReader(ledger.Store.ReadTransactionRecord(results[0].TransactionId));
        Assert.Equal((1UL, 0U, -1L, false), (reader.ReadUInt64(), reader.ReadUInt32(), reader.ReadInt64(), reader.ReadBool()));
        Assert.Equal("actor is not a registered participant", reader.ReadString(1024));
    }

    [Fact]
    public void AdmissionRefusesForgedAndMalformedTransactionsAndSparesTheirCommitAVerification()
    {
        using var dir = new TempDirectory();
        var counting = new CountingVerifier(verifier);
        using var ledger = CommittedLedger.Open(dir.Path, genesis, counting, Agencies);
        var admitted = LedgerTransaction.Sign(genesis.ChainId, Subject, 0, new RegisterParticipant("s-admitted", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())).Encode();
        var direct = LedgerTransaction.Sign(genesis.ChainId, Subject2, 0, new RegisterParticipant("s-direct", ParticipantRole.Subject, Subject2.PublicKey.ToUncompressed())).Encode();
        var forged = (byte[])admitted.Clone();
        forged[^1] ^= 1; // the last bytes are the signature

        Assert.Null(ledger.Admit(admitted));
        Assert.Equal("signature does not verify", ledger.Admit(forged));
        Assert.StartsWith("malformed: ", ledger.Admit([1, 2, 3]), StringComparison.Ordinal);
        var before = counting.Count;

        var results = ledger.Commit(NextBlock(ledger, [admitted, direct]));
        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
        Assert.Equal(before + 1, counting.Count); // only the transaction that was not admitted here
        Assert.Equal("s-admitted", ledger.Machine.State.ParticipantByPublicKey(Subject.PublicKey.ToUncompressed())?.Id);
    }

    [Fact]
    public void BlocksMustArriveInOrderAndOnThisGenesis()
    {
        using var dir = new TempDirectory();
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            var next = NextBlock(ledger, []);
            var skipping = new Block(0, 5, 2, T0, 0, next.Justify, []);
            Assert.Throws<ArgumentException>(() => ledger.Commit(skipping));
        }

        var other = new GenesisConfig("another-chain", genesis.Validators);
        Assert.Throws<LedgerFormatException>(() => CommittedLedger.Open(dir.Path, other, verifier, Agencies));
    }

    [Theory]
    [InlineData(null, "layout 1")]
    [InlineData(new byte[] { 2 }, "layout 2")]
    [InlineData(new byte[] { 4 }, "layout 4")]
    public void AStoreWrittenInAnotherKeyLayoutIsRefusedWithItsLayout(byte[]? layout, string expected)
    {
        using var dir = new TempDirectory();
        using (CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
        }

        // Rewrite the marker the way an older or newer node would have left it.
        RawStore.Edit(dir.Path, (raw, family) =>
        {
            if (layout is null)
            {
                raw.Remove("layout"u8.ToArray(), family("meta"));
            }
            else
            {
                raw.Put("layout"u8.ToArray(), layout, family("meta"));
            }
        });

        var refused = Assert.Throws<LedgerFormatException>(() => CommittedLedger.Open(dir.Path, genesis, verifier, Agencies));
        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void CommittedBlocksAreFoundByHashInTheStoreAfterAReopenAndNothingElseIs()
    {
        using var dir = new TempDirectory();
        Block b1, b2;
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            b1 = NextBlock(ledger, [[1]]);
            ledger.Commit(b1);
            b2 = NextBlock(ledger, [[2]]);
            ledger.Commit(b2);
        }

        using var reopened = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        ICommittedBlockArchive archive = reopened;
        Assert.Equal(genesis.Block.Hash, archive.Find(genesis.Block.Hash)?.Hash);
        Assert.Equal(b1.Encode(), archive.Find(b1.Hash)?.Encode());
        Assert.Equal(2UL, archive.Find(b2.Hash)?.Height);
        Assert.Null(archive.Find(NextBlock(reopened, [[3]]).Hash));
        Assert.Null(archive.Find(Hash32.Compute("no such block"u8)));
        Assert.Equal([genesis.Block.Hash, b1.Hash, b2.Hash], reopened.ConsensusState().CommittedChain.Select(b => b.Hash));
    }

    [Fact]
    public void ARestartReadsGenesisTheBlocksThatChangeValidatorsAndTheNewestOnly()
    {
        using var dir = new TempDirectory();
        using (var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies))
        {
            for (var h = 1; h <= 10; h++)
            {
                var change = ValidatorSetChange.Create(genesis.ChainId, 0, genesis.Validators, [(0, new Sm2ConsensusSigner(Agency))]);
                ledger.Commit(NextBlock(ledger, h == 3 ? [change.Encode()] : [[(byte)h]]));
            }
        }

        using var reopened = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        Assert.Equal([0UL, 3, 7, 8, 9, 10], reopened.ConsensusState(recentBlocks: 4).CommittedChain.Select(b => b.Height));
        Assert.Equal(11, reopened.ConsensusState(recentBlocks: 100).CommittedChain.Count());
    }

    [Fact]
    public void ConsensusStateIsReplacedAtomicallyAndReadBack()
    {
        using var dir = new TempDirectory();
        using var ledger = CommittedLedger.Open(dir.Path, genesis, verifier, Agencies);
        var b1 = NextBlock(ledger, [[1]]);
        var b2 = new Block(0, 2, 2, T0, 0, new QuorumCertificate(0, 1, b1.Hash, []), [[2]]);
        var qc = new QuorumCertificate(0, 2, b2.Hash, [new ValidatorSignature(0, [7, 7])]);
        ledger.Store.SaveConsensusState(new SafetyState(0, 2, 1, qc), [b1, b2], []);
        ledger.Store.SaveConsensusState(new SafetyState(0, 3, 1, qc), [b2], []);

        var state = ledger.ConsensusState();
        Assert.Equal((3UL, 1UL, 2UL), (state.Safety!.LastVotedRound, state.Safety.PreferredRound, state.Safety.HighQc.Round));
        Assert.Equal(b2.Hash, Assert.Single(state.UncommittedBlocks).Hash);
        Assert.Equal(genesis.Block.Hash, Assert.Single(state.CommittedChain).Hash);
    }

    private byte[] Tx(Sm2PrivateKey key, TransactionPayload payload)
    {
        var nonce = nonces.GetValueOrDefault(key);
        nonces[key] = nonce + 1;
        return LedgerTransaction.Sign(genesis.ChainId, key, nonce, payload).Encode();
    }

    private void CommitScenario(CommittedLedger ledger)
    {
        var h = Hash32.Compute("x"u8);
        ledger.Commit(NextBlock(ledger,
        [
            Tx(Agency, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, Bureau.PublicKey.ToUncompressed())),
            Tx(Subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, Subject.PublicKey.ToUncompressed())),
            Tx(Subject2, new RegisterParticipant("citizen-2", ParticipantRole.Subject, Subject2.PublicKey.ToUncompressed())),
        ], T0 + 1));
        ledger.Commit(NextBlock(ledger,
        [
            Tx(Subject, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)),
            Tx(Agency, new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)),
            Tx(Agency, new RecordQuery("q2", "c1", "citizen-1", "bureau-a", ["court"], h, h, h, h)),
        ], T0 + 2));
        ledger.Commit(NextBlock(ledger, [Tx(Subject, new RevokeConsent("c1"))], T0 + 3));
    }

    /// <summary>Logs <paramref name="count"/> denials in one batch-signed transaction of a new block.</summary>
    private void LogDenials(CommittedLedger ledger, int first, int count)
    {
        var h = Hash32.Compute("x"u8);
        var denials = Enumerable.Range(first, count).Select(i => (TransactionPayload)new RecordDenial($"d-{i}", "bureau-a", "query", "citizen-1", "no consent", h));
        var results = ledger.Commit(NextBlock(ledger, [Tx(Agency, new RecordBatch([.. denials]))], T0 + 10 + ledger.Height));
        Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
    }

    private sealed class CountingVerifier(ISignatureVerifier inner) : ISignatureVerifier
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
        {
            Interlocked.Increment(ref count);
            return inner.Verify(publicKey, message, signature);
        }
    }
}
