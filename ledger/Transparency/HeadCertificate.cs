using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// Consensus's own signature on a tree head: the header of a committed block that names the head, and the quorum
/// certificate for that block. Validators vote for a block only if their log reached the head it names, so 2f+1 vote
/// signatures on the block's hash vouch for the head. An auditor rebuilds the hash from the header, the transaction
/// count and the transactions root, without the transactions.
/// </summary>
public sealed class HeadCertificate
{
    public HeadCertificate(byte[] blockHeader, uint transactionCount, Hash32 transactionsRoot, QuorumCertificate quorum)
    {
        ArgumentNullException.ThrowIfNull(blockHeader);
        ArgumentNullException.ThrowIfNull(quorum);
        BlockHeader = blockHeader;
        TransactionCount = transactionCount;
        TransactionsRoot = transactionsRoot;
        Quorum = quorum;
        CertifiedHead = Block.CertifiedHeadIn(blockHeader) ?? throw new LedgerFormatException("the certified block names no tree head");
    }

    public byte[] BlockHeader { get; }

    public uint TransactionCount { get; }

    public Hash32 TransactionsRoot { get; }

    public QuorumCertificate Quorum { get; }

    /// <summary>The head the block names.</summary>
    public TreeHead CertifiedHead { get; }

    /// <summary>Null if this certifies <paramref name="head"/> under <paramref name="validators"/>; otherwise why not.</summary>
    public string? Verify(TreeHead head, Hash32 chainId, ValidatorSet validators, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (CertifiedHead != head)
        {
            return "the certified block names another tree head";
        }

        if (Block.ComputeHash(BlockHeader, TransactionCount, TransactionsRoot) != Quorum.BlockHash)
        {
            return "the certificate's block header does not hash to the certified block";
        }

        // Round 0 is an epoch's unsigned root certificate: it vouches for nothing an auditor can check.
        return Quorum.Round > 0 && Quorum.IsValid(chainId, Quorum.Epoch, Hash32.Zero, validators, verifier)
            ? null
            : "the block certificate lacks a quorum of valid vote signatures";
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(BlockHeader.Length + 512);
        writer.WriteBytes(BlockHeader);
        writer.WriteUInt32(TransactionCount);
        writer.WriteHash(TransactionsRoot);
        Quorum.WriteTo(writer);
        return writer.ToArray();
    }

    public static HeadCertificate Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var header = reader.ReadBytes(Block.MaxHeaderBytes);
        var count = reader.ReadUInt32();
        var root = reader.ReadHash();
        var quorum = QuorumCertificate.ReadFrom(ref reader);
        reader.EnsureEnd();
        return new HeadCertificate(header, count, root, quorum);
    }
}
