using FsCheck.Xunit;
using GovChain.Ledger.Application;
using Xunit;

namespace GovChain.Ledger.Tests.Application;

/// <summary>
/// The incremental state root depends only on the final set of records: not on write order, and a removal undoes an
/// addition exactly. Checked against a straightforward recomputation (a fresh digest over the final set).
/// </summary>
public sealed class StateDigestTests
{
    [Property(MaxTest = 300)]
    public bool TheRootIsTheSameForAnyOrderOfTheSameRecords(byte[][] records, int seed)
    {
        var distinct = records.Where(r => r is not null).ToArray();
        var forward = new StateDigest();
        foreach (var r in distinct)
        {
            forward.Add(StateTable.Queries, r);
        }

        var shuffled = new StateDigest();
        var random = new Random(seed);
        foreach (var r in distinct.OrderBy(_ => random.Next()))
        {
            shuffled.Add(StateTable.Queries, r);
        }

        return forward.Root() == shuffled.Root();
    }

    [Property(MaxTest = 300)]
    public bool ReplacingARecordEqualsWritingOnlyTheNewOne(byte[][] kept, byte[] old, byte[] replacement)
    {
        var set = kept.Where(r => r is not null).ToArray();
        var incremental = new StateDigest();
        var fresh = new StateDigest();
        foreach (var r in set)
        {
            incremental.Add(StateTable.Consents, r);
            fresh.Add(StateTable.Consents, r);
        }

        incremental.Add(StateTable.Consents, old ?? []);
        incremental.Remove(StateTable.Consents, old ?? []);
        incremental.Add(StateTable.Consents, replacement ?? []);
        fresh.Add(StateTable.Consents, replacement ?? []);
        return incremental.Root() == fresh.Root();
    }

    /// <summary>
    /// The root as defined, recomputed with BigInteger: SM3(tag ‖ count ‖ sum) with sum = Σ SM3(record tag ‖ table ‖
    /// record) mod 2^256. Enough records, over several tables and with removals, to be hashed in vector lanes and in
    /// runs on several cores.
    /// </summary>
    [Theory]
    [InlineData(1, 1)]
    [InlineData(300, 7)]
    [InlineData(9000, 11)]
    public void TheRootIsTheDefinedSumOfRecordHashes(int records, int seed)
    {
        var random = new Random(seed);
        var digest = new StateDigest();
        var expected = System.Numerics.BigInteger.Zero;
        var count = 0L;
        var tables = new[] { StateTable.Queries, StateTable.Consents, StateTable.Participants };
        for (var i = 0; i < records; i++)
        {
            var table = tables[random.Next(tables.Length)];
            var record = new byte[random.Next(0, 400)];
            random.NextBytes(record);
            var hash = new System.Numerics.BigInteger(GovChain.Crypto.Sm3.HashData([.. "GovChain.state.record.v2"u8, (byte)table, .. record]), isUnsigned: true);
            var remove = i % 5 == 4;
            (remove ? (Action<StateTable, byte[]>)digest.Remove : digest.Add)(table, record);
            expected += remove ? -hash : hash;
            count += remove ? -1 : 1;
        }

        var modulus = System.Numerics.BigInteger.One << 256;
        var sum = ((expected % modulus) + modulus) % modulus;
        var sumBytes = sum.ToByteArray(isUnsigned: true, isBigEndian: true);
        var root = new byte[8 + 32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(root, (ulong)count);
        sumBytes.CopyTo(root.AsSpan(40 - sumBytes.Length));
        Assert.Equal(GovChain.Crypto.Sm3.HashData([.. "GovChain.state.v2"u8, .. root]), digest.Root().ToArray());
        Assert.Equal(count, digest.Count);
    }

    [Fact]
    public void TheTableAndEveryByteMatter()
    {
        byte[] record = [1, 2, 3];
        var a = new StateDigest();
        a.Add(StateTable.Queries, record);
        var b = new StateDigest();
        b.Add(StateTable.Denials, record);
        var c = new StateDigest();
        c.Add(StateTable.Queries, [1, 2, 4]);
        var empty = new StateDigest();
        Assert.Equal(3, new[] { a.Root(), b.Root(), c.Root() }.Distinct().Count());
        Assert.NotEqual(empty.Root(), a.Root());
    }

    [Property(MaxTest = 200)]
    public bool AStoredDigestReadsBackToTheSameRootAndCarriesOn(byte[][] records, byte[] next)
    {
        var digest = new StateDigest();
        foreach (var r in records.Where(r => r is not null))
        {
            digest.Add(StateTable.Denials, r);
        }

        var stored = StateDigest.Decode(digest.Encode());
        var same = stored.Root() == digest.Root() && stored.Count == digest.Count;
        stored.Add(StateTable.Denials, next ?? []);
        digest.Add(StateTable.Denials, next ?? []);
        return same && stored.Root() == digest.Root();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39)]
    [InlineData(41)]
    public void ATruncatedOrOverlongStoredDigestIsRefused(int length) =>
        Assert.Throws<GovChain.Ledger.LedgerFormatException>(() => StateDigest.Decode(new byte[length]));

    [Fact]
    public void AStoredDigestWithANegativeCountIsRefused()
    {
        var bytes = new StateDigest().Encode();
        bytes[0] = 0x80;
        Assert.Throws<GovChain.Ledger.LedgerFormatException>(() => StateDigest.Decode(bytes));
    }
}
