using System.Diagnostics;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace GovChain.Ledger.Tests.Bench;

/// <summary>
/// Single-node figure for batch-signed records: blocks of 1,000-record batches through verify, contracts, log and one
/// RocksDB batch per block. It prints the rate and asserts only that every record was logged.
/// </summary>
public sealed class BatchCommitBench(ITestOutputHelper output)
{
    [Fact]
    [Trait(TestCategories.Key, TestCategories.Bench)]
    public void BatchSignedRecordsPerSecondOnOneNode()
    {
        const long T0 = 1_760_000_000;
        const int Blocks = 10;
        const int BatchesPerBlock = 10;
        var agency = Sm2PrivateKey.Generate();
        var bureau = Sm2PrivateKey.Generate();
        var genesis = new GenesisConfig("bench", new ValidatorSet([agency.PublicKey.ToUncompressed()]));
        var h = Hash32.Compute("model"u8);
        var nonce = 0UL;
        var blocks = new List<byte[][]>
        {
            new[] { LedgerTransaction.Sign(genesis.ChainId, agency, nonce++, new RegisterParticipant("bureau", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())).Encode() },
        };
        for (var b = 0; b < Blocks; b++)
        {
            blocks.Add([.. Enumerable.Range(0, BatchesPerBlock).Select(k => LedgerTransaction.Sign(genesis.ChainId, agency, nonce++, new RecordBatch(
                Enumerable.Range(0, RecordBatch.MaxRecords).Select(i => new RecordQuery($"q{b}-{k}-{i}", $"c{i % 64}", $"s{i % 64}", "bureau", ["tax"], h, h, h, h)))).Encode())]);
        }

        using var dir = new TempDirectory();
        using var ledger = CommittedLedger.Open(dir.Path, genesis, new Sm2SignatureVerifier(), [("agency", agency.PublicKey.ToUncompressed())]);
        var clock = Stopwatch.StartNew();
        foreach (var transactions in blocks)
        {
            var parent = ledger.Store.ReadBlock(ledger.Height);
            var height = (ulong)ledger.Height + 1;
            var started = clock.Elapsed;
            var block = new Block(0, height, height, T0 + (long)height, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []), [.. transactions]);
            var built = clock.Elapsed;
            var results = ledger.Commit(block);
            output.WriteLine($"height {height}: block built in {(built - started).TotalMilliseconds:F0} ms, committed in {(clock.Elapsed - built).TotalMilliseconds:F0} ms");
            Assert.All(results, r => Assert.True(r.Accepted, r.Reason));
        }

        var records = Blocks * BatchesPerBlock * RecordBatch.MaxRecords;
        output.WriteLine($"batch commit: {records} records in {clock.Elapsed.TotalSeconds:F2} s = {records / clock.Elapsed.TotalSeconds:F0} records/s (one node)");
        Assert.Equal(records + 2, ledger.Log.Size);
    }
}
