using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// The exact bytes a validator signs. Each kind starts with its own domain tag and binds the chain id (the genesis hash)
/// and the epoch, so a signature can never be replayed as another kind, on another chain or in another epoch.
/// </summary>
internal static class SigningPayloads
{
    private static readonly byte[] VoteTag = "GovChain.consensus.vote.v1"u8.ToArray();
    private static readonly byte[] TimeoutTag = "GovChain.consensus.timeout.v1"u8.ToArray();
    private static readonly byte[] ProposalTag = "GovChain.consensus.proposal.v1"u8.ToArray();

    public static byte[] Vote(Hash32 chainId, ulong epoch, ulong round, Hash32 blockHash)
    {
        var w = Start(VoteTag, chainId, epoch);
        w.WriteUInt64(round);
        w.WriteHash(blockHash);
        return w.ToArray();
    }

    public static byte[] Timeout(Hash32 chainId, ulong epoch, ulong round, ulong highQcRound)
    {
        var w = Start(TimeoutTag, chainId, epoch);
        w.WriteUInt64(round);
        w.WriteUInt64(highQcRound);
        return w.ToArray();
    }

    public static byte[] Proposal(Hash32 chainId, ulong epoch, Hash32 blockHash)
    {
        var w = Start(ProposalTag, chainId, epoch);
        w.WriteHash(blockHash);
        return w.ToArray();
    }

    private static CanonicalWriter Start(byte[] tag, Hash32 chainId, ulong epoch)
    {
        var w = new CanonicalWriter(96);
        w.WriteFixed(tag);
        w.WriteHash(chainId);
        w.WriteUInt64(epoch);
        return w;
    }
}
