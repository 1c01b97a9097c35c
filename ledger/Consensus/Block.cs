using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// A proposed block: an ordered batch of transactions extending the block its <see cref="Justify"/> certificate names.
/// The genesis block has no certificate; its single transaction is the encoded <see cref="GenesisConfig"/>. A block
/// may carry the proposer's tree head (<see cref="CertifiedHead"/>); validators vote for it only if their own log
/// reached exactly that head, so the block's quorum certificate signs the tree head.
/// </summary>
public sealed class Block
{
    public const int MaxTransactions = 20_000;
    /// <summary>Largest transaction: room for a full <c>RecordBatch</c> of small records.</summary>
    public const int MaxTransactionBytes = 512 * 1024;
    public const int MaxHeaderBytes = 64 * 1024;

    private static readonly byte[] HashTag = "GovChain.block.v2"u8.ToArray();

    private readonly ImmutableArray<Hash32> transactionIds;
    private byte[]? encoding;

    public Block(ulong epoch, ulong round, ulong height, long timestamp, ushort proposer, QuorumCertificate? justify, ImmutableArray<byte[]> transactions, TreeHead? certifiedHead = null)
    {
        Epoch = epoch;
        Round = round;
        Height = height;
        Timestamp = timestamp;
        Proposer = proposer;
        Justify = justify;
        CertifiedHead = certifiedHead;
        Transactions = transactions;
        var ids = new Hash32[transactions.Length];
        Parallel.For(0, ids.Length, i => ids[i] = Hash32.Compute(transactions[i]));
        transactionIds = ImmutableCollectionsMarshal.AsImmutableArray(ids);
        var idBytes = new CanonicalWriter(Hash32.Size * Math.Max(1, ids.Length));
        foreach (var id in ids)
        {
            idBytes.WriteHash(id);
        }

        TransactionsRoot = Hash32.Compute(idBytes.WrittenSpan);
        var header = new CanonicalWriter(512);
        WriteHeader(header);
        Header = header.ToArray();
        Hash = ComputeHash(Header, (uint)ids.Length, TransactionsRoot);
    }

    public ulong Epoch { get; }

    public ulong Round { get; }

    public ulong Height { get; }

    /// <summary>Block time in unix seconds, set by the proposer, never below the parent's: the time the contracts see.</summary>
    public long Timestamp { get; }

    public ushort Proposer { get; }

    public QuorumCertificate? Justify { get; }

    /// <summary>The proposer's transparency-log head when it proposed; what this block's certificate vouches for.</summary>
    public TreeHead? CertifiedHead { get; }

    /// <summary>The canonical header bytes (everything but the transactions): with the count and root, enough to rebuild the hash.</summary>
    public byte[] Header { get; }

    /// <summary>SM3 over the transaction ids in order.</summary>
    public Hash32 TransactionsRoot { get; }

    public ImmutableArray<byte[]> Transactions { get; }

    public Hash32 Hash { get; }

    /// <summary>SM3 of each transaction (its id): proposing, committing and replying all need them.</summary>
    public ImmutableArray<Hash32> TransactionIds => transactionIds;

    public Hash32 Parent => Justify?.BlockHash ?? Hash32.Zero;

    public bool IsGenesis => Justify is null;

    /// <summary>
    /// SM3("GovChain.block.v2" ‖ header ‖ count ‖ transactions root). The transactions enter through their ids, which
    /// every node computes anyway (on every core), so a block's bytes are hashed once; and an auditor can check a
    /// header against a certificate without the transactions.
    /// </summary>
    public static Hash32 ComputeHash(ReadOnlySpan<byte> header, uint transactionCount, Hash32 transactionsRoot)
    {
        var writer = new CanonicalWriter(HashTag.Length + header.Length + 4 + Hash32.Size);
        writer.WriteFixed(HashTag);
        writer.WriteFixed(header);
        writer.WriteUInt32(transactionCount);
        writer.WriteHash(transactionsRoot);
        return Hash32.Compute(writer.WrittenSpan);
    }

    /// <summary>The certified head named in canonical header bytes; throws <see cref="LedgerFormatException"/> if they are not a header.</summary>
    public static TreeHead? CertifiedHeadIn(ReadOnlySpan<byte> header)
    {
        var reader = new CanonicalReader(header);
        var (_, _, _, _, _, _, head) = ReadHeader(ref reader);
        reader.EnsureEnd();
        return head;
    }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteFixed(Encode());
    }

    private void WriteHeader(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
        writer.WriteUInt64(Height);
        writer.WriteInt64(Timestamp);
        writer.WriteUInt16(Proposer);
        writer.WriteBool(Justify is not null);
        Justify?.WriteTo(writer);
        writer.WriteBool(CertifiedHead is not null);
        CertifiedHead?.WriteTo(writer);
    }

    public static Block ReadFrom(ref CanonicalReader reader)
    {
        var (epoch, round, height, timestamp, proposer, justify, head) = ReadHeader(ref reader);
        var count = reader.ReadCount(MaxTransactions);
        var builder = ImmutableArray.CreateBuilder<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(reader.ReadBytes(MaxTransactionBytes));
        }

        return new Block(epoch, round, height, timestamp, proposer, justify, builder.MoveToImmutable(), head);
    }

    private static (ulong, ulong, ulong, long, ushort, QuorumCertificate?, TreeHead?) ReadHeader(ref CanonicalReader reader) =>
        (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadInt64(), reader.ReadUInt16(),
         reader.ReadBool() ? QuorumCertificate.ReadFrom(ref reader) : null,
         reader.ReadBool() ? TreeHead.ReadFrom(ref reader) : null);

    /// <summary>The block's bytes, built once: a block is sent, saved uncommitted and saved committed.</summary>
    public byte[] Encode()
    {
        if (encoding is null)
        {
            // Sized exactly, so a block of megabytes is never regrown and copied.
            var writer = new CanonicalWriter(Header.Length + sizeof(uint) + Transactions.Sum(tx => sizeof(uint) + tx.Length));
            writer.WriteFixed(Header);
            writer.WriteUInt32((uint)Transactions.Length);
            foreach (var tx in Transactions)
            {
                writer.WriteBytes(tx);
            }

            encoding = writer.ToArray();
        }

        return encoding;
    }

    public static Block Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var block = ReadFrom(ref reader);
        reader.EnsureEnd();
        return block;
    }
}
