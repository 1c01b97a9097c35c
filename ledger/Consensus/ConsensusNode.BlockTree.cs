using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>The tree of uncommitted blocks, fetching of missing ancestors, certificate processing and the commit rule.</summary>
public sealed partial class ConsensusNode
{
    // Every block here descends from the committed tip, with all ancestors present (here or committed).
    private readonly Dictionary<Hash32, Block> pending = [];
    private readonly Dictionary<Hash32, List<(Block Block, int From)>> orphansByParent = [];
    private readonly Dictionary<Hash32, BlockRequestState> missing = [];
    private readonly Dictionary<Hash32, List<QuorumCertificate>> certificatesAwaitingBlock = [];
    private readonly HashSet<(ulong Round, Hash32 Block)> verifiedCertificates = [];

    // Block bytes served to each peer's requests since the last tick.
    private readonly Dictionary<int, long> blockSyncBytesServed = [];
    // Hashes of the blocks in orphansByParent: a block that arrives again (block sync answers overlap) takes no
    // second slot, and a block whose parent is itself waiting needs no request of its own.
    private readonly HashSet<Hash32> orphans = [];

    private Block? Lookup(Hash32 hash) =>
        pending.TryGetValue(hash, out var b) ? b : committedByHash.TryGetValue(hash, out b) ? b : archive?.Find(hash);

    private bool CheckCertificate(QuorumCertificate qc)
    {
        if (qc.Epoch != epoch)
        {
            return false;
        }

        if (verifiedCertificates.Contains((qc.Round, qc.BlockHash)))
        {
            return true;
        }

        if (!qc.IsValid(chainId, epoch, epochRoot, validators, verifier))
        {
            return false;
        }

        verifiedCertificates.Add((qc.Round, qc.BlockHash));
        return true;
    }

    /// <summary>A block whose certificate is valid; it joins the tree once its parent is known.</summary>
    private void AcceptBlock(Block block, int from)
    {
        var justify = block.Justify!;
        if (block.Epoch != epoch || pending.ContainsKey(block.Hash) || committedByHash.ContainsKey(block.Hash) || block.Height <= CommittedHeight)
        {
            return;
        }

        var parent = Lookup(block.Parent);
        if (parent is null)
        {
            // A descendant of the committed tip has a certificate no older than the tip's round.
            if (justify.Round < committedTip.Round || orphans.Count >= options.MaxOrphanBlocks || !orphans.Add(block.Hash))
            {
                return;
            }

            if (!orphansByParent.TryGetValue(block.Parent, out var waiting))
            {
                orphansByParent[block.Parent] = waiting = [];
            }

            waiting.Add((block, from));
            if (!orphans.Contains(block.Parent))
            {
                RequestBlock(block.Parent, from);
            }

            return;
        }

        if (block.Height != parent.Height + 1 || (justify.Round != 0 && justify.Round != parent.Round))
        {
            Reject(from, $"block {block.Hash} does not fit its parent");
            return;
        }

        pending[block.Hash] = block;
        missing.Remove(block.Hash);
        var startEpoch = epoch;
        OnCertifiedBlockKnown(justify);
        if (epoch != startEpoch)
        {
            return;
        }

        TryVote(block);
        if (certificatesAwaitingBlock.Remove(block.Hash, out var certificates))
        {
            foreach (var qc in certificates)
            {
                OnCertifiedBlockKnown(qc);
                if (epoch != startEpoch)
                {
                    return;
                }
            }
        }

        if (orphansByParent.Remove(block.Hash, out var children))
        {
            foreach (var (child, _) in children)
            {
                orphans.Remove(child.Hash);
            }

            foreach (var (child, childFrom) in children)
            {
                AcceptBlock(child, childFrom);
                if (epoch != startEpoch)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A valid certificate from any source: move the pacemaker, and update locks once its block is known.</summary>
    private void RememberCertificate(QuorumCertificate qc, int from)
    {
        if (qc.Epoch != epoch)
        {
            return;
        }

        if (Lookup(qc.BlockHash) is not null)
        {
            OnCertifiedBlockKnown(qc);
            return;
        }

        if (qc.Round > highQc.Round)
        {
            if (!certificatesAwaitingBlock.TryGetValue(qc.BlockHash, out var list))
            {
                certificatesAwaitingBlock[qc.BlockHash] = list = [];
            }

            if (list.Count < 4)
            {
                list.Add(qc);
            }

            RequestBlock(qc.BlockHash, from);
        }

        EnterRound(qc.Round + 1, progress: true);
    }

    /// <summary>LibraBFT rules on a certificate for a known block b2: lock on the 2-chain head, commit the 3-chain head.</summary>
    private void OnCertifiedBlockKnown(QuorumCertificate qc)
    {
        if (qc.Round > highQc.Round)
        {
            highQc = qc;
        }

        var b2 = Lookup(qc.BlockHash)!;
        // An epoch's root carries the previous epoch's certificate, which must not move this epoch's lock.
        if (b2.Justify is { Round: > 0 } j1 && j1.Epoch == epoch && Lookup(j1.BlockHash) is { } b1)
        {
            preferredRound = Math.Max(preferredRound, j1.Round);
            if (b1.Justify is { } j0 && Lookup(j0.BlockHash) is { } b0 &&
                b2.Round == b1.Round + 1 && b1.Round == b0.Round + 1 && j0.Round == b0.Round)
            {
                var startEpoch = epoch;
                Commit(b0, qc);
                if (epoch != startEpoch)
                {
                    return;
                }
            }
        }

        EnterRound(qc.Round + 1, progress: true);
        TryPropose();
    }

    private void Commit(Block block, QuorumCertificate trigger)
    {
        if (block.Height <= CommittedHeight)
        {
            return;
        }

        var chain = new List<Block>();
        for (var b = block; b.Height > CommittedHeight; b = Lookup(b.Parent)!)
        {
            chain.Add(b);
        }

        if (chain[^1].Parent != committedTip.Hash)
        {
            // Unreachable while at most f validators are Byzantine; continuing would fork the log.
            throw new InvalidOperationException($"commit of {block.Hash} conflicts with the committed chain");
        }

        chain.Reverse();
        foreach (var b in chain)
        {
            AppendCommitted(b);
            newlyCommitted.Add(b);
            foreach (var id in b.TransactionIds)
            {
                mempool.Remove(id);
            }

            if (ValidChangeIn(b) is { } change)
            {
                // The epoch ends here; its later blocks are abandoned by every honest node alike.
                EnterEpoch(change, b, trigger);
                return;
            }
        }

        PruneBelowCommitted();
    }

    private void PruneBelowCommitted()
    {
        var height = CommittedHeight;
        var stale = pending.Where(kv => kv.Value.Height <= height).Select(kv => kv.Key).ToList();
        foreach (var hash in stale)
        {
            pending.Remove(hash);
        }

        // Orphans at or below the committed height can never join: their slots would be lost for good.
        foreach (var parent in orphansByParent.Where(kv => kv.Value.Exists(o => o.Block.Height <= height)).Select(kv => kv.Key).ToList())
        {
            var waiting = orphansByParent[parent];
            foreach (var (orphan, _) in waiting.Where(o => o.Block.Height <= height))
            {
                orphans.Remove(orphan.Hash);
            }

            waiting.RemoveAll(o => o.Block.Height <= height);
            if (waiting.Count == 0)
            {
                orphansByParent.Remove(parent);
            }
        }

        // Blocks that do not descend from the new tip can never be committed.
        var tip = committedTip.Hash;
        bool Descends(Block b)
        {
            while (b.Height > height + 1)
            {
                if (!pending.TryGetValue(b.Parent, out var parent))
                {
                    return false;
                }

                b = parent;
            }

            return b.Parent == tip;
        }

        foreach (var hash in pending.Where(kv => !Descends(kv.Value)).Select(kv => kv.Key).ToList())
        {
            pending.Remove(hash);
        }
    }

    private void RequestBlock(Hash32 hash, int from)
    {
        if (missing.ContainsKey(hash))
        {
            return;
        }

        var peer = from == identity.Peer ? NextPeer(from) : from;
        missing[hash] = new BlockRequestState(peer);
        Send(peer, new BlockRequestMessage(epoch, hash, CommittedHeight));
    }

    private void RetryBlockRequests()
    {
        foreach (var (hash, state) in missing)
        {
            if (++state.TicksSinceRequest < options.BlockRequestRetryTicks)
            {
                continue;
            }

            state.TicksSinceRequest = 0;
            state.Peer = NextPeer(state.Peer);
            Send(state.Peer, new BlockRequestMessage(epoch, hash, CommittedHeight));
        }
    }

    /// <summary>
    /// Serves the named block and its ancestors down to the requester's height, newest first: at most
    /// <see cref="ConsensusMessage.MaxBlocksPerResponse"/> blocks and <see cref="ConsensusMessage.MaxBlockResponseBytes"/>
    /// (so the response fits a peer frame), within the peer's budget for this tick.
    /// </summary>
    private void OnBlockRequest(int from, BlockRequestMessage request)
    {
        var served = blockSyncBytesServed.GetValueOrDefault(from);
        if (served >= options.MaxBlockSyncBytesPerTick)
        {
            Reject(from, "block request over this tick's block-sync budget");
            return;
        }

        var limit = Math.Min(ConsensusMessage.MaxBlockResponseBytes, options.MaxBlockSyncBytesPerTick - served);
        var blocks = ImmutableArray.CreateBuilder<Block>();
        var bytes = 0L;
        for (var b = Lookup(request.BlockHash);
             b is not null && !b.IsGenesis && b.Height > request.CommittedHeight && blocks.Count < ConsensusMessage.MaxBlocksPerResponse;
             b = Lookup(b.Parent))
        {
            var size = b.Encode().Length;
            if (blocks.Count > 0 && bytes + size > limit)
            {
                break;
            }

            blocks.Add(b);
            bytes += size;
        }

        if (blocks.Count > 0)
        {
            blockSyncBytesServed[from] = served + bytes;
            Send(from, new BlockResponseMessage(blocks.ToImmutable()));
        }
    }

    private void OnBlockResponse(int from, BlockResponseMessage response)
    {
        // Only a block we asked for is taken, and then its listed ancestors in order: each is authenticated by the
        // hash its child names.
        var accepted = new List<Block>();
        var expected = response.Blocks.IsEmpty ? Hash32.Zero : response.Blocks[0].Hash;
        if (!missing.ContainsKey(expected))
        {
            Reject(from, "unrequested block response");
            return;
        }

        var startEpoch = epoch;
        foreach (var block in response.Blocks)
        {
            if (block.Hash != expected || block.Epoch != epoch || block.Justify is null)
            {
                break;
            }

            accepted.Add(block);
            if (Lookup(block.Parent) is not null)
            {
                break;
            }

            expected = block.Parent;
        }

        // Oldest first, so each block finds its parent already in the tree.
        for (var i = accepted.Count - 1; i >= 0; i--)
        {
            var block = accepted[i];
            if (!CheckCertificate(block.Justify!))
            {
                Reject(from, $"block {block.Hash} carries an invalid certificate");
                return;
            }

            missing.Remove(block.Hash);
            AcceptBlock(block, from);
            if (epoch != startEpoch)
            {
                return;
            }
        }
    }

    private sealed class BlockRequestState(int peer)
    {
        public int Peer { get; set; } = peer;

        public int TicksSinceRequest { get; set; }
    }
}
