using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Storage;

/// <summary>
/// Builds an <see cref="AuditBundle"/> from a node's store without replaying the contracts: the transparency log is
/// loaded from the stored Merkle nodes and must reproduce the stored tree head, every exported record must hash to its
/// stored leaf, and the head is signed by the given validators or is the newest quorum-signed head in a committed block.
/// </summary>
public static class TrailExporter
{
    // A page holds at most TrailQuery.MaxLimit records, each needing one chunk of 64 leaf hashes (4 KiB).
    private const int ExportCachedChunks = 1024;

    /// <summary>One page of a trail under the stored head; <paramref name="signers"/> sign the head and that the page is complete.</summary>
    public static TrailPage Export(
        LedgerStore store,
        TrailQuery query,
        Hash32 chainId,
        IEnumerable<(ushort Validator, IConsensusSigner Signer)> signers,
        SignedTreeHead? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var head = store.ReadTreeHead() ?? throw new LedgerFormatException("the store has no tree head: nothing is committed");
        var keys = signers.ToList();
        var (leaves, next) = store.Trail(query, head.TreeSize);
        var complete = TrailAttestation.Sign(chainId, head, query, leaves, next, keys);
        return new TrailPage(Build(store, leaves, SignedTreeHead.Sign(head, chainId, keys), earlier, complete), next);
    }

    /// <summary>
    /// One page of a trail up to the newest quorum-signed head a committed block carries: no validator key is needed,
    /// 2f+1 validators signed it through consensus.
    /// </summary>
    public static TrailPage ExportCertified(LedgerStore store, TrailQuery query, SignedTreeHead? earlier = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        var signed = store.ReadQuorumHead() ??
            throw new LedgerFormatException("no committed block carries a quorum-signed tree head yet; sign the head with validator keys instead");

        var (leaves, next) = store.Trail(query, signed.Head.TreeSize);
        return new TrailPage(Build(store, leaves, signed, earlier, null), next);
    }

    private static AuditBundle Build(LedgerStore store, IReadOnlyList<long> leaves, SignedTreeHead signed, SignedTreeHead? earlier, TrailAttestation? complete)
    {
        var stored = store.ReadTreeHead() ?? throw new LedgerFormatException("the store has no tree head: nothing is committed");
        var log = RebuildLog(store, stored);
        var head = signed.Head;
        if (head.TreeSize > log.Size || log.RootAt(head.TreeSize) != head.RootHash)
        {
            throw new LedgerFormatException($"the tree head (size {head.TreeSize}) is not a prefix of this node's log");
        }

        var recorded = store.ReadLeaves(leaves);
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            var record = recorded[i] ?? throw new LedgerFormatException($"the store lacks the record of leaf {leaf}");
            if (leaf < 0 || leaf >= head.TreeSize || log.Hasher.HashLeaf(record) != log.LeafHash(leaf))
            {
                throw new LedgerFormatException($"the stored record of leaf {leaf} does not match the log");
            }
        }

        var proofs = log.InclusionProofs(leaves, head.TreeSize);
        var records = ImmutableArray.CreateBuilder<AuditedRecord>(leaves.Count);
        for (var i = 0; i < leaves.Count; i++)
        {
            records.Add(new AuditedRecord(recorded[i]!, proofs[i]));
        }

        ConsistencyProof? consistency = null;
        if (earlier is not null)
        {
            var size = earlier.Head.TreeSize;
            if (size > head.TreeSize || log.RootAt(size) != earlier.Head.RootHash)
            {
                throw new LedgerFormatException($"the earlier tree head (size {size}) is not a prefix of this node's log");
            }

            consistency = log.ConsistencyProof(size, head.TreeSize);
        }

        return new AuditBundle(signed, records.MoveToImmutable(), earlier, consistency, complete);
    }

    private static MerkleTree RebuildLog(LedgerStore store, TreeHead head)
    {
        // The upper levels are checked against the head here, and each chunk of leaf hashes a proof reads against them.
        var log = new MerkleTree(MerkleHasher.Sm3, store, ExportCachedChunks);
        log.Restore(head.TreeSize);
        if (log.Root != head.RootHash)
        {
            throw new LedgerFormatException("the stored Merkle nodes do not reproduce the stored tree head");
        }

        return log;
    }
}
