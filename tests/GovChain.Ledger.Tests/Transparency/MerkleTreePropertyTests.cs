using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>The SM3 tree against the literal RFC 9162 recursion, and its verifiers against tampering.</summary>
public sealed class MerkleTreePropertyTests
{
    private static readonly ReferenceMerkle Reference = new(data => GovChain.Crypto.Sm3.HashData(data));

    [Property(MaxTest = 60)]
    public void RootsAndProofsAgreeWithTheReferenceRecursion(byte[][] rawLeaves)
    {
        // Past 33 leaves every shape has been seen (sizes 2^5 and 2^5+1); the literal recursion is cubic.
        var leaves = Clean(rawLeaves).Take(33).ToList();
        var tree = Build(leaves);
        for (var size = 0; size <= leaves.Count; size++)
        {
            var prefix = leaves.Take(size).ToList();
            Assert.Equal(Convert.ToHexStringLower(Reference.Mth(prefix)), tree.RootAt(size).ToString());
            for (var m = 0; m < size; m++)
            {
                Assert.Equal(Hex(Reference.Path(m, prefix)), Hex(tree.InclusionProof(m, size).Path));
            }

            for (var m = 0; m <= size; m++)
            {
                Assert.Equal(Hex(Reference.Proof(m, prefix)), Hex(tree.ConsistencyProof(m, size).Path));
            }
        }
    }

    /// <summary>Leaf hashes appended in groups (a batch's records) build the tree that appending them one by one builds.</summary>
    [Property(MaxTest = 40)]
    public void LeavesAppendedInGroupsMakeTheSameTreeAsOneAtATime(byte[] groupSizes)
    {
        var one = new MerkleTree();
        var many = new MerkleTree();
        var stored = new List<(long Chunk, Hash32[] Nodes)>();
        var n = 0;
        foreach (var group in (groupSizes ?? []).Take(12).Append((byte)200))
        {
            var hashes = Enumerable.Range(n, group).Select(i => Hash32.Compute(BitConverter.GetBytes(i))).ToArray();
            foreach (var hash in hashes)
            {
                one.AppendLeafHash(hash);
            }

            var before = many.Size;
            Assert.Equal(before, many.AppendLeafHashes(hashes));
            Assert.Equal(Joined(one.NodesAddedSince(before).Select(x => x.Hash)), Joined(many.NodesAddedSince(before).Select(x => x.Hash)));
            stored.AddRange(many.ChunksCompletedSince(before));
            n += group;
            Assert.Equal((one.Size, one.Root), (many.Size, many.Root));
        }

        Assert.Equal(Joined(one.ChunksCompletedSince(0).SelectMany(c => c.Nodes)), Joined(stored.SelectMany(c => c.Nodes)));
        for (var size = 0; size <= n; size += 1 + (size / 7))
        {
            Assert.Equal(one.RootAt(size), many.RootAt(size));
            Assert.Equal(Hex(one.InclusionProof(size / 2, Math.Max(size, 1)).Path), Hex(many.InclusionProof(size / 2, Math.Max(size, 1)).Path));
        }
    }

    [Fact]
    public void EverySizeUpTo70ProvesEveryLeafAndEveryPrefix()
    {
        var tree = new MerkleTree();
        var roots = new List<Hash32> { tree.Root };
        for (var i = 0; i < 70; i++)
        {
            tree.Append([(byte)i, (byte)(i >> 8)]);
            roots.Add(tree.Root);
        }

        for (var n = 0; n <= 70; n++)
        {
            for (var m = 0; m < n; m++)
            {
                Assert.True(tree.InclusionProof(m, n).Verify(tree.Hasher, tree.LeafHash(m), roots[n]), $"inclusion {m} in {n}");
            }

            for (var m = 0; m <= n; m++)
            {
                Assert.True(tree.ConsistencyProof(m, n).Verify(tree.Hasher, roots[m], roots[n]), $"consistency {m} → {n}");
            }
        }
    }

    [Property(MaxTest = 200)]
    public void TamperedInclusionProofsAreRejected(byte[][] rawLeaves, int indexSeed, int tamperSeed)
    {
        var leaves = Clean(rawLeaves);
        leaves.Add([0xAA]);
        leaves.Add([0xBB]);
        var tree = Build(leaves);
        var index = (int)((uint)indexSeed % (uint)leaves.Count);
        var proof = tree.InclusionProof(index, tree.Size);
        var leaf = tree.LeafHash(index);
        Assert.True(proof.Verify(tree.Hasher, leaf, tree.Root));

        var random = new Random(tamperSeed);
        var position = random.Next(proof.Path.Length);
        Assert.False((proof with { Path = proof.Path.SetItem(position, Flip(proof.Path[position], random)) }).Verify(tree.Hasher, leaf, tree.Root));
        Assert.False(proof.Verify(tree.Hasher, Flip(leaf, random), tree.Root));
        Assert.False(proof.Verify(tree.Hasher, leaf, Flip(tree.Root, random)));
        Assert.False((proof with { Path = proof.Path.RemoveAt(proof.Path.Length - 1) }).Verify(tree.Hasher, leaf, tree.Root));
        Assert.False((proof with { Path = proof.Path.Add(tree.Root) }).Verify(tree.Hasher, leaf, tree.Root));
        Assert.False((proof with { LeafIndex = tree.Size }).Verify(tree.Hasher, leaf, tree.Root));
        Assert.False((proof with { LeafIndex = -1 }).Verify(tree.Hasher, leaf, tree.Root));
        // The same path does not prove any other record.
        var other = (index + 1 + random.Next(leaves.Count - 1)) % leaves.Count;
        if (tree.LeafHash(other) != leaf)
        {
            Assert.False(proof.Verify(tree.Hasher, tree.LeafHash(other), tree.Root));
        }
    }

    [Property(MaxTest = 200)]
    public void TamperedConsistencyProofsAreRejected(byte[][] rawLeaves, int firstSeed, int tamperSeed)
    {
        var leaves = Clean(rawLeaves);
        leaves.Add([0xAA]);
        leaves.Add([0xBB]);
        var tree = Build(leaves);
        var first = 1 + (int)((uint)firstSeed % (uint)(leaves.Count - 1));
        var proof = tree.ConsistencyProof(first, tree.Size);
        var firstRoot = tree.RootAt(first);
        Assert.True(proof.Verify(tree.Hasher, firstRoot, tree.Root));

        var random = new Random(tamperSeed);
        var position = random.Next(proof.Path.Length);
        Assert.False((proof with { Path = proof.Path.SetItem(position, Flip(proof.Path[position], random)) }).Verify(tree.Hasher, firstRoot, tree.Root));
        Assert.False(proof.Verify(tree.Hasher, Flip(firstRoot, random), tree.Root));
        Assert.False(proof.Verify(tree.Hasher, firstRoot, Flip(tree.Root, random)));
        Assert.False((proof with { Path = proof.Path.RemoveAt(proof.Path.Length - 1) }).Verify(tree.Hasher, firstRoot, tree.Root));
        Assert.False((proof with { Path = proof.Path.Add(firstRoot) }).Verify(tree.Hasher, firstRoot, tree.Root));
        Assert.False((proof with { Path = [] }).Verify(tree.Hasher, firstRoot, tree.Root));

        // A log that rewrote one old record is not consistent with the old head.
        var rewritten = new List<byte[]>(leaves);
        var victim = random.Next(first);
        rewritten[victim] = [.. rewritten[victim], 0x01];
        var forked = Build(rewritten);
        Assert.False(forked.ConsistencyProof(first, forked.Size).Verify(tree.Hasher, firstRoot, forked.Root));
    }

    [Fact]
    public void EdgeSizesFollowTheRfc()
    {
        var tree = new MerkleTree();
        Assert.Equal(Hash32.Compute([]), tree.Root);
        Assert.True(tree.ConsistencyProof(0, 0).Verify(tree.Hasher, tree.Root, tree.Root));
        tree.Append("only"u8);
        Assert.Equal(tree.Hasher.HashLeaf("only"u8), tree.Root);
        Assert.Empty(tree.InclusionProof(0, 1).Path);
        Assert.True(tree.ConsistencyProof(0, 1).Verify(tree.Hasher, tree.RootAt(0), tree.Root));
        Assert.False(tree.ConsistencyProof(0, 1).Verify(tree.Hasher, tree.Root, tree.Root));
        Assert.True(tree.ConsistencyProof(1, 1).Verify(tree.Hasher, tree.Root, tree.Root));
        Assert.False(new ConsistencyProof(2, 1, []).Verify(tree.Hasher, tree.Root, tree.Root));
        Assert.False(new InclusionProof(0, 0, []).Verify(tree.Hasher, tree.Root, tree.Root));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.InclusionProof(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.ConsistencyProof(0, 2));
    }

    [Fact]
    public void ProofEncodingRoundTripsAndRejectsMalformedBytes()
    {
        var tree = Build([.. Enumerable.Range(0, 11).Select(i => new[] { (byte)i })]);
        var inclusion = tree.InclusionProof(6, 11);
        var consistency = tree.ConsistencyProof(3, 11);
        var decodedInclusion = InclusionProof.Decode(inclusion.Encode());
        var decodedConsistency = ConsistencyProof.Decode(consistency.Encode());
        Assert.True(decodedInclusion.Verify(tree.Hasher, tree.LeafHash(6), tree.Root));
        Assert.True(decodedConsistency.Verify(tree.Hasher, tree.RootAt(3), tree.Root));

        var bytes = inclusion.Encode();
        Assert.Throws<LedgerFormatException>(() => InclusionProof.Decode(bytes.AsSpan(0, bytes.Length - 1)));
        Assert.Throws<LedgerFormatException>(() => InclusionProof.Decode([.. bytes, 0]));
        var hugeCount = (byte[])bytes.Clone();
        hugeCount[16] = 0xFF;
        Assert.Throws<LedgerFormatException>(() => InclusionProof.Decode(hugeCount));
        var negativeSize = (byte[])bytes.Clone();
        negativeSize[8] = 0x80;
        Assert.Throws<LedgerFormatException>(() => InclusionProof.Decode(negativeSize));
    }

    private static List<byte[]> Clean(byte[][]? raw) => [.. (raw ?? []).Select(b => b ?? [])];

    private static MerkleTree Build(IEnumerable<byte[]> leaves)
    {
        var tree = new MerkleTree();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    private static Hash32 Flip(Hash32 hash, Random random)
    {
        var bytes = hash.ToArray();
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return new Hash32(bytes);
    }

    private static string Hex(IEnumerable<byte[]> path) => string.Join(" ", path.Select(Convert.ToHexStringLower));

    private static string Hex(ImmutableArray<Hash32> path) => string.Join(" ", path);

    private static string Joined(IEnumerable<Hash32> hashes) => string.Join(" ", hashes);
}
