using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// A proposed block: an ordered batch of transactions extending the block its <see cref="Justify"/> certificate names.
/// The genesis block has no certificate; its single transaction is the encoded <see cref="GenesisConfig"/>.
/// </summary>
public sealed class Block
{
    public const int MaxTransactions = 20_000;
    /// <summary>Largest transaction: room for a full <c>RecordBatch</c> of small records.</summary>
    public const int MaxTransactionBytes = 512 * 1024;

    private static readonly byte[] HashTag = "GovChain.block.v2"u8.ToArray();

    private readonly ImmutableArray<Hash32> transactionIds;
    private byte[]? encoding;

    public Block(ulong epoch, ulong round, ulong height, long timestamp, ushort proposer, QuorumCertificate? justify, ImmutableArray<byte[]> transactions, SignedTreeHead? certifiedHead = null)
        : this(epoch, round, height, timestamp, proposer, justify, transactions, Ids(transactions), certifiedHead)
    {
    }

    /// <summary>A block whose transactions' ids (their SM3) the caller holds already: a leader's pool keeps them.</summary>
    internal Block(ulong epoch, ulong round, ulong height, long timestamp, ushort proposer, QuorumCertificate? justify, ImmutableArray<byte[]> transactions, ImmutableArray<Hash32> transactionIds, SignedTreeHead? certifiedHead)
    {
        Epoch = epoch;
        Round = round;
        Height = height;
        Timestamp = timestamp;
        Proposer = proposer;
        Justify = justify;
        CertifiedHead = certifiedHead;
        Transactions = transactions;
        this.transactionIds = transactionIds;

        // The hash covers the transactions through their ids, which every node needs anyway, so a block's bytes are
        // hashed once (many transactions at once, on every core) rather than twice.
        var writer = new CanonicalWriter(128 + (Hash32.Size * transactionIds.Length));
        writer.WriteFixed(HashTag);
        WriteHeader(writer);
        writer.WriteUInt32((uint)transactionIds.Length);
        foreach (var id in transactionIds)
        {
            writer.WriteHash(id);
        }

        Hash = Hash32.Compute(writer.WrittenSpan);
    }

    public ulong Epoch { get; }

    public ulong Round { get; }

    public ulong Height { get; }

    /// <summary>Block time in unix seconds, set by the proposer, never below the parent's: the time the contracts see.</summary>
    public long Timestamp { get; }

    public ushort Proposer { get; }

    public QuorumCertificate? Justify { get; }

    /// <summary>
    /// A tree head that 2f+1 validators signed with their votes (each its own log's head), put in by the proposer;
    /// validators vote for the block only if the signatures hold, so a committed block carries a quorum-signed head.
    /// </summary>
    public SignedTreeHead? CertifiedHead { get; }

    public ImmutableArray<byte[]> Transactions { get; }

    public Hash32 Hash { get; }

    /// <summary>SM3 of each transaction (its id): proposing, committing and replying all need them.</summary>
    public ImmutableArray<Hash32> TransactionIds => transactionIds;

    public Hash32 Parent => Justify?.BlockHash ?? Hash32.Zero;

    public bool IsGenesis => Justify is null;

    private static ImmutableArray<Hash32> Ids(ImmutableArray<byte[]> transactions)
    {
        var ids = new Hash32[transactions.Length];
        Sm3Many.Hash([], ImmutableCollectionsMarshal.AsArray(transactions) ?? [], ids);
        return ImmutableCollectionsMarshal.AsImmutableArray(ids);
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
        var epoch = reader.ReadUInt64();
        var round = reader.ReadUInt64();
        var height = reader.ReadUInt64();
        var timestamp = reader.ReadInt64();
        var proposer = reader.ReadUInt16();
        var justify = reader.ReadBool() ? QuorumCertificate.ReadFrom(ref reader) : null;
        var head = reader.ReadBool() ? SignedTreeHead.ReadFrom(ref reader) : null;
        var count = reader.ReadCount(MaxTransactions);
        var builder = ImmutableArray.CreateBuilder<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(reader.ReadBytes(MaxTransactionBytes));
        }

        return new Block(epoch, round, height, timestamp, proposer, justify, builder.MoveToImmutable(), head);
    }

    /// <summary>The block's bytes, built once: a block is sent, saved uncommitted and saved committed.</summary>
    public byte[] Encode()
    {
        if (encoding is null)
        {
            // One exactly sized array, written in place: a block of megabytes is neither regrown nor copied.
            var header = CanonicalWriter.Rent();
            WriteHeader(header);
            header.WriteUInt32((uint)Transactions.Length);
            var bytes = new byte[header.WrittenSpan.Length + Transactions.Sum(tx => sizeof(uint) + tx.Length)];
            header.WrittenSpan.CopyTo(bytes);
            var offset = header.WrittenSpan.Length;
            header.Return();
            foreach (var tx in Transactions)
            {
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(offset), (uint)tx.Length);
                tx.CopyTo(bytes, offset + sizeof(uint));
                offset += sizeof(uint) + tx.Length;
            }

            encoding = bytes;
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
