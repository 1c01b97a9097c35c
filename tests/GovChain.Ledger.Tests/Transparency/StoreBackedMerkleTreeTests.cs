using FsCheck.Xunit;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>
/// A tree that drops its stored low-level chunks: it keeps a bounded number of them, and its roots and proofs, before
/// and after a restore from the stored nodes, are still those of the literal RFC 9162 recursion.
/// </summary>
public sealed class StoreBackedMerkleTreeTests
{
    private static readonly ReferenceMerkle Reference = new(data => GovChain.Crypto.Sm3.HashData(data));

    [Property(MaxTest = 25)]
    public void ADroppingTreeAndItsRestoreProveWhatTheReferenceRecursionDoes(int seed)
    {
        // FsCheck's own integers stay small; the seed's generator spreads the sizes over up to seven chunks.
        var random = new Random(seed);
        var leaves = Leaves(1 + random.Next(450), random);
        var store = new NodeStore();
        var tree = new MerkleTree(MerkleHasher.Sm3, store, cachedChunks: 1);
        var roots = new List<Hash32> { tree.Root };
        for (var next = 0; next < leaves.Count;)
        {
            // Blocks of random sizes, each stored before the next, as a ledger commits them.
            var before = tree.Size;
            var block = Math.Min(leaves.Count - next, 1 + random.Next(90));
            for (var i = 0; i < block; i++, next++)
            {
                tree.Append(leaves[next]);
                roots.Add(tree.Root);
            }

            store.Write(tree, before);
            tree.MarkStored(tree.Size);
            Assert.InRange(tree.ResidentChunks, 0, 2); // one cached chunk and the incomplete last one
        }

        var restored = new MerkleTree(MerkleHasher.Sm3, store, cachedChunks: 1);
        restored.Restore(leaves.Count);
        Assert.InRange(restored.ResidentChunks, 0, 1);
        foreach (var log in new[] { tree, restored })
        {
            for (var sample = 0; sample < 12; sample++)
            {
                var n = 1 + random.Next(leaves.Count);
                var m = random.Next(n);
                var prefix = leaves.Take(n).ToList();
                Assert.Equal(Convert.ToHexStringLower(Reference.Mth(prefix)), log.RootAt(n).ToString());
                Assert.Equal(roots[n], log.RootAt(n));
                Assert.Equal(Hex(Reference.Path(m, prefix)), string.Join(" ", log.InclusionProof(m, n).Path));
                Assert.Equal(Hex(Reference.Proof(m, prefix)), string.Join(" ", log.ConsistencyProof(m, n).Path));
                Assert.Equal(log.Hasher.HashLeaf(leaves[m]), log.LeafHash(m));
            }

            Assert.InRange(log.ResidentChunks, 0, 2);
        }
    }

    [Fact]
    public void ChunksStayResidentUntilStoredAndTheStoreGetsEveryNodeOfTheInMemoryTree()
    {
        var leaves = Leaves(64 * 20 + 5, new Random(7));
        var store = new NodeStore();
        var tree = new MerkleTree(MerkleHasher.Sm3, store, cachedChunks: 3);
        var whole = new MerkleTree();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
            whole.Append(leaf);
        }

        // Nothing is stored yet, so nothing may be dropped.
        Assert.Equal(21, tree.ResidentChunks);
        Assert.Equal(whole.NodesAddedSince(0), tree.NodesAddedSince(0));
        Assert.Equal(20, tree.ChunksCompletedSince(0).Count);
        Assert.Equal(10, tree.ChunksCompletedSince(64 * 10)[0].Chunk);
        Assert.Equal(9, tree.ChunksCompletedSince((64 * 10) - 1)[0].Chunk);
        store.Write(tree, 0);
        tree.MarkStored(64 * 10);
        Assert.Equal(14, tree.ResidentChunks); // 3 of the 10 stored chunks, the 10 unstored and the incomplete one
        tree.MarkStored(tree.Size);
        Assert.Equal(4, tree.ResidentChunks);

        for (var leaf = 0; leaf < leaves.Count; leaf += 37)
        {
            Assert.Equal(whole.InclusionProof(leaf, leaves.Count).Encode(), tree.InclusionProof(leaf, leaves.Count).Encode());
        }

        // More chunks in one call than the cache holds.
        long[] first1000 = [.. Enumerable.Range(0, 1000).Select(i => (long)i)];
        Assert.Equal(whole.InclusionProofs(first1000, 1000).Select(p => p.Encode()), tree.InclusionProofs(first1000, 1000).Select(p => p.Encode()));
        Assert.Equal(4, tree.ResidentChunks);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ADamagedOrMissingStoredNodeIsAnError(bool chunksStoredWhole)
    {
        var leaves = Leaves(64 * 4 + 10, new Random(11));
        var store = new NodeStore(chunksStoredWhole);
        var tree = new MerkleTree(MerkleHasher.Sm3, store, cachedChunks: 0);
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        store.Write(tree, 0);
        tree.MarkStored(tree.Size);
        var root = tree.Root;
        var sound = tree.InclusionProof(130, tree.Size);
        var pristine = store.Copy();

        // A chunk stored whole is checked at its top two nodes; one rebuilt from its leaf hashes (a store from before
        // chunks were stored whole) is checked in full, so there a damaged leaf hash is caught too.
        if (chunksStoredWhole)
        {
            store.DamageChunk(2, MerkleChunks.Offset(MerkleChunks.Level - 1) + 1);
        }
        else
        {
            store.Damage(0, 140);
        }

        var refused = Assert.Throws<LedgerFormatException>(() => tree.InclusionProof(130, tree.Size));
        Assert.Contains("leaves 128–191", refused.Message);
        Assert.Throws<LedgerFormatException>(() => tree.LeafHash(191));
        Assert.Equal(sound.Encode(), new MerkleTree(MerkleHasher.Sm3, pristine, 0).RestoredTo(tree.Size).InclusionProof(130, tree.Size).Encode());
        Assert.True(tree.InclusionProof(5, tree.Size).Verify(tree.Hasher, tree.LeafHash(5), root));

        // A damaged upper node gives a restored tree another root, which its owner checks against its tree head.
        store.Damage(MerkleChunks.Level, 1);
        Assert.NotEqual(root, new MerkleTree(MerkleHasher.Sm3, store, 0).RestoredTo(tree.Size).Root);

        store.Remove(0, 64 * 4 + 3);
        Assert.Throws<LedgerFormatException>(() => new MerkleTree(MerkleHasher.Sm3, store, 0).Restore(tree.Size));
        Assert.Throws<InvalidOperationException>(() => tree.Restore(tree.Size));
        Assert.Throws<InvalidOperationException>(() => new MerkleTree().Restore(0));
    }

    [Fact]
    public void ReadersProvingWhileTheWriterAppendsAndDropsChunksGetTheRootsOfAnInMemoryTree()
    {
        var leaves = Leaves(64 * 150, new Random(3));
        var whole = new MerkleTree();
        var roots = new List<Hash32> { whole.Root };
        foreach (var leaf in leaves)
        {
            whole.Append(leaf);
            roots.Add(whole.Root);
        }

        var store = new NodeStore();
        var tree = new MerkleTree(MerkleHasher.Sm3, store, cachedChunks: 2);
        long stored = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var proofs = 0;
        var readers = Enumerable.Range(0, 2).Select(r => new Thread(() =>
        {
            var random = new Random(r);
            while (Volatile.Read(ref stored) < leaves.Count)
            {
                var n = Volatile.Read(ref stored);
                if (n < 2)
                {
                    continue;
                }

                var size = 1 + random.NextInt64(n);
                var m = random.NextInt64(size);
                try
                {
                    if (tree.RootAt(size) != roots[(int)size] || !tree.InclusionProof(m, size).Verify(tree.Hasher, whole.LeafHash(m), roots[(int)size])
                        || !tree.ConsistencyProof(m, size).Verify(tree.Hasher, roots[(int)m], roots[(int)size]))
                    {
                        failures.Enqueue($"{m} in {size}: wrong");
                    }
                }
                catch (Exception ex)
                {
                    failures.Enqueue($"{m} in {size}: {ex.Message}");
                }

                Interlocked.Increment(ref proofs);
            }
        })).ToList();
        readers.ForEach(t => t.Start());

        var random = new Random(5);
        for (var next = 0; next < leaves.Count;)
        {
            var before = tree.Size;
            for (var end = Math.Min(leaves.Count, next + 1 + random.Next(200)); next < end; next++)
            {
                tree.Append(leaves[next]);
            }

            store.Write(tree, before);
            tree.MarkStored(tree.Size);
            Volatile.Write(ref stored, tree.Size);
        }

        readers.ForEach(t => t.Join());
        Assert.Empty(failures);
        Assert.True(proofs > 100, $"only {proofs} proofs ran beside the writer");
        Assert.InRange(tree.ResidentChunks, 0, 3);
    }

    private static List<byte[]> Leaves(int count, Random random) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var leaf = new byte[random.Next(0, 40)];
            random.NextBytes(leaf);
            return leaf;
        })];

    private static string Hex(IEnumerable<byte[]> path) => string.Join(" ", path.Select(Convert.ToHexStringLower));

    /// <summary>
    /// Single nodes by level and index and whole chunks, as the ledger's Merkle column family holds them; without
    /// whole chunks, as a store from before they were kept.
    /// </summary>
    private sealed class NodeStore(bool chunksStoredWhole = true) : IMerkleNodeSource
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<(int, long), Hash32> nodes = [];
        private readonly System.Collections.Concurrent.ConcurrentDictionary<long, Hash32[]> chunks = [];

        public void Write(MerkleTree tree, long oldSize)
        {
            foreach (var (level, index, hash) in tree.NodesAddedSince(oldSize))
            {
                nodes[(level, index)] = hash;
            }

            foreach (var (chunk, hashes) in tree.ChunksCompletedSince(oldSize))
            {
                if (chunksStoredWhole)
                {
                    chunks[chunk] = (Hash32[])hashes.Clone();
                }
            }
        }

        public void Damage(int level, long index) => nodes[(level, index)] = Flip(nodes[(level, index)]);

        public void DamageChunk(long chunk, int node) => chunks[chunk][node] = Flip(chunks[chunk][node]);

        public void Remove(int level, long index) => nodes.TryRemove((level, index), out _);

        public NodeStore Copy()
        {
            var copy = new NodeStore(chunksStoredWhole);
            foreach (var (key, hash) in nodes)
            {
                copy.nodes[key] = hash;
            }

            foreach (var (chunk, hashes) in chunks)
            {
                copy.chunks[chunk] = (Hash32[])hashes.Clone();
            }

            return copy;
        }

        public void ReadNodes(int level, long first, Span<Hash32> destination)
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = nodes.TryGetValue((level, first + i), out var hash)
                    ? hash
                    : throw new LedgerFormatException($"no node {first + i} at level {level}");
            }
        }

        public bool TryReadChunk(long chunk, Span<Hash32> destination)
        {
            if (!chunks.TryGetValue(chunk, out var hashes))
            {
                return false;
            }

            hashes.CopyTo(destination);
            return true;
        }

        private static Hash32 Flip(Hash32 hash)
        {
            var bytes = hash.ToArray();
            bytes[^1] ^= 0x80;
            return new Hash32(bytes);
        }
    }
}

internal static class RestoredTreeExtensions
{
    public static MerkleTree RestoredTo(this MerkleTree tree, long size)
    {
        tree.Restore(size);
        return tree;
    }
}
