using System.Diagnostics;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace GovChain.Ledger.Tests.Bench;

/// <summary>
/// Single-node figures for the committed-ledger path (SM2 verification, contracts, log, one RocksDB batch per block)
/// and for trail queries with inclusion proofs. It prints measurements and asserts only correctness.
/// </summary>
public sealed class LedgerStorageBench(ITestOutputHelper output)
{
    [Fact]
    [Trait(TestCategories.Key, TestCategories.Bench)]
    public void CommitThroughputAndTrailQueryLatency()
    {
        const int Subjects = 500;
        const int QueriesPerSubject = 20;
        const long T0 = 1_760_000_000;
        var agency = Sm2PrivateKey.FromScalar(Sm3.HashData("agency"u8)[..31].Prepend((byte)0).ToArray());
        var bureau = Sm2PrivateKey.FromScalar(Sm3.HashData("bureau"u8)[..31].Prepend((byte)0).ToArray());
        var genesis = new GenesisConfig("bench", new ValidatorSet([agency.PublicKey.ToUncompressed()]));
        var subjects = Enumerable.Range(0, Subjects).Select(i => Sm2PrivateKey.FromScalar(Sm3.HashData(BitConverter.GetBytes(i))[..31].Prepend((byte)0).ToArray())).ToArray();
        var h = Hash32.Compute("model"u8);

        var batches = new List<byte[][]>();
        batches.Add([LedgerTransaction.Sign(genesis.ChainId, agency, 0, new RegisterParticipant("bureau", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())).Encode()]);
        batches.Add([.. subjects.Select((s, i) => LedgerTransaction.Sign(genesis.ChainId, s, 0, new RegisterParticipant($"s{i}", ParticipantRole.Subject, s.PublicKey.ToUncompressed())).Encode())]);
        batches.Add([.. subjects.Select((s, i) => LedgerTransaction.Sign(genesis.ChainId, s, 1, new GrantConsent($"c{i}", "bureau", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)).Encode())]);
        var nonce = 1UL; // the agency node records queries; its nonce 0 registered the bureau
        var queries = new List<byte[]>();
        for (var q = 0; q < QueriesPerSubject; q++)
        {
            for (var i = 0; i < Subjects; i++)
            {
                queries.Add(LedgerTransaction.Sign(genesis.ChainId, agency, nonce++, new RecordQuery($"q{q}-{i}", $"c{i}", $"s{i}", "bureau", ["tax"], h, h, h, h)).Encode());
            }
        }

        batches.AddRange(queries.Chunk(1000));

        using var dir = new TempDirectory();
        (string, byte[])[] agencies = [("agency", agency.PublicKey.ToUncompressed())];
        var ledger = CommittedLedger.Open(dir.Path, genesis, new Sm2SignatureVerifier(), agencies);
        var records = batches.Sum(b => b.Length);
        var clock = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            var parent = ledger.Store.ReadBlock(ledger.Height);
            var height = (ulong)ledger.Height + 1;
            var results = ledger.Commit(new Block(0, height, height, T0 + (long)height, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []), [.. batch]));
            Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
        }

        var commitSeconds = clock.Elapsed.TotalSeconds;

        var random = new Random(1);
        var latencies = new List<double>();
        clock.Restart();
        var proofs = 0;
        while (clock.Elapsed.TotalSeconds < 3)
        {
            var start = clock.Elapsed.TotalMilliseconds;
            var trail = ledger.Trail(TrailIndex.Subject, $"s{random.Next(Subjects)}");
            proofs += trail.Count;
            latencies.Add(clock.Elapsed.TotalMilliseconds - start);
        }

        latencies.Sort();
        var qps = latencies.Count / clock.Elapsed.TotalSeconds;
        output.WriteLine($"commit: {records} SM2-signed records in {commitSeconds:F2} s = {records / commitSeconds:F0} records/s (one node, verify + apply + log + RocksDB)");
        output.WriteLine($"trail_qps={qps:F0} p50_ms={latencies[latencies.Count / 2]:F3} p99_ms={latencies[(int)(latencies.Count * 0.99)]:F3} (each {QueriesPerSubject + 2} records with proofs)");
        Assert.Equal(latencies.Count * (QueriesPerSubject + 2), proofs);

        // Proofs whose chunk of leaf hashes is not in memory (a log larger than the cache): each reads its 64 leaf
        // hashes back and rehashes the chunk to check them against the root held in memory.
        var size = ledger.Log.Size;
        var cold = new MerkleTree(MerkleHasher.Sm3, ledger.Store, cachedChunks: 1);
        cold.Restore(size);
        var (coldMicros, warmMicros) = (MicrosPerProof(cold, size, random), MicrosPerProof(ledger.Log, size, random));
        output.WriteLine($"inclusion proof: {coldMicros:F1} µs with its chunk read from the store, {warmMicros:F1} µs from memory");

        // A restart loads the state digest and the log's upper levels; it replays and rehashes nothing.
        var (root, head) = (ledger.Machine.State.ComputeRoot(), ledger.Head);
        ledger.Dispose();
        clock.Restart();
        using var reopened = CommittedLedger.Open(dir.Path, genesis, new Sm2SignatureVerifier(), agencies);
        output.WriteLine($"reopen: {reopened.Height + 1} blocks, {reopened.Log.Size} log leaves in {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal((root, head), (reopened.Machine.State.ComputeRoot(), reopened.Head));
    }

    private static double MicrosPerProof(MerkleTree log, long size, Random random)
    {
        const int Proofs = 20_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Proofs; i++)
        {
            Assert.NotEmpty(log.InclusionProof(random.NextInt64(size), size).Path);
        }

        return clock.Elapsed.TotalMicroseconds / Proofs;
    }
}
