using System.Text.Json.Nodes;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Storage;
using GovChain.TestSupport;
using Xunit;
using static GovChain.Ledger.Tests.Storage.StoreFixture;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>node.json's memory settings: optional, written by `node init`, range-checked, and obeyed by the ledger.</summary>
public sealed class LedgerMemoryTests : IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void ConfigsCarryTheSettingsAndOlderConfigsWithoutThemLoadWithTheDefaults()
    {
        var file = NetworkLayout.Create(dir.Path, 4, 24100, "memory-test")[0];
        Assert.Equal(LedgerMemory.Default, NodeConfig.Load(file).Memory);

        Edit(file, json => json["memory"] = new JsonObject { ["recentRecordsMiB"] = 16, ["merkleChunksMiB"] = 8 });
        Assert.Equal(new LedgerMemory(16, 8), NodeConfig.Load(file).Memory);

        Edit(file, json => json.Remove("memory"));
        Assert.Equal(LedgerMemory.Default, NodeConfig.Load(file).Memory);
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(LedgerMemory.MaxRecentRecordsMiB + 1, 64)]
    [InlineData(128, 0)]
    [InlineData(128, -3)]
    [InlineData(128, LedgerMemory.MaxMerkleChunksMiB + 1)]
    public void SizesOutOfRangeAreRefusedWithTheSettingsName(int recent, int chunks)
    {
        var file = NetworkLayout.Create(dir.Path, 4, 24200, "memory-test")[1];
        Edit(file, json => json["memory"] = new JsonObject { ["recentRecordsMiB"] = recent, ["merkleChunksMiB"] = chunks });
        Assert.Contains("memory.", Assert.Throws<LedgerFormatException>(() => NodeConfig.Load(file)).Message, StringComparison.Ordinal);
        Assert.Throws<LedgerFormatException>(() => CommittedLedger.Open(dir.File("data"), Genesis, Verifier, Agencies, new LedgerMemory(recent, chunks)));
        Edit(file, json => json["memory"] = new JsonObject { ["recentRecordsMiB"] = 16, ["cacheEverything"] = true });
        Assert.Throws<LedgerFormatException>(() => NodeConfig.Load(file)); // unknown settings are refused, not ignored
    }

    [Fact]
    public void ALedgerWithOneMiBOfEachKeepsToItAndStillServesEveryRecord()
    {
        using var ledger = CommittedLedger.Open(dir.File("small"), Genesis, Verifier, Agencies, new LedgerMemory(1, 1));
        var h = Hash32.Compute("x"u8);
        for (var b = 0; b < 20; b++)
        {
            var denials = Enumerable.Range(0, 1000).Select(i => (TransactionPayload)new RecordDenial($"d-{b}-{i}", "bureau-a", "query", $"citizen-{i % 7}", "no consent", h));
            var batch = LedgerTransaction.Sign(Genesis.ChainId, Agency, (ulong)b, new RecordBatch([.. denials])).Encode();
            Assert.All(ledger.Commit(NextBlock(ledger, [batch], T0 + b)), r => Assert.True(r.Accepted, r.Reason));
        }

        // 1 MiB of chunks is 256 of them (16,384 leaves) against the 20,000 logged; 1 MiB of records is ≈ 1,500.
        Assert.True(ledger.Log.Size > 20_000);
        Assert.InRange(ledger.Log.ResidentChunks, 1, 257);
        Assert.True(ledger.HoldsRecentRecord(ledger.Log.Size - 1));
        Assert.False(ledger.HoldsRecentRecord(ledger.Log.Size - 5_000));
        var trail = ledger.Trail(TrailIndex.Subject, "citizen-3");
        Assert.Equal(2860, trail.Count);
        Assert.All(trail, t => Assert.True(t.Proof.Verify(ledger.Log.Hasher, ledger.Log.Hasher.HashLeaf(t.Record), ledger.Head.RootHash)));
    }

    private static void Edit(string file, Action<JsonObject> edit)
    {
        var json = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        edit(json);
        File.WriteAllText(file, json.ToJsonString());
    }
}
