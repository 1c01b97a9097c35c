using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>A message between validators. The first byte of the encoding is the kind.</summary>
public abstract class ConsensusMessage
{
    public const int MaxBlocksPerResponse = 64;

    /// <summary>
    /// Most block bytes in one response unless its single block is larger: half the 16 MiB a peer accepts in a frame,
    /// and a block (at most 8 MiB of transactions) always fits whole.
    /// </summary>
    public const long MaxBlockResponseBytes = 8L * 1024 * 1024;

    private protected ConsensusMessage()
    {
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(256 + BlockBytes);
        writer.WriteByte((byte)Kind);
        WriteBody(writer);
        return writer.ToArray();
    }

    /// <summary>Decodes one message; anything malformed throws <see cref="LedgerFormatException"/>.</summary>
    public static ConsensusMessage Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        ConsensusMessage message = (MessageKind)reader.ReadByte() switch
        {
            MessageKind.Proposal => ProposalMessage.ReadBody(ref reader),
            MessageKind.Vote => VoteMessage.ReadBody(ref reader),
            MessageKind.Timeout => TimeoutMessage.ReadBody(ref reader),
            MessageKind.BlockRequest => BlockRequestMessage.ReadBody(ref reader),
            MessageKind.BlockResponse => BlockResponseMessage.ReadBody(ref reader),
            MessageKind.EpochChange => EpochChangeMessage.ReadBody(ref reader),
            MessageKind.Wake => WakeMessage.ReadBody(ref reader),
            var kind => throw new LedgerFormatException($"unknown consensus message kind {(byte)kind}"),
        };
        reader.EnsureEnd();
        return message;
    }

    internal abstract MessageKind Kind { get; }

    /// <summary>Bytes of the blocks the message carries: the writer starts that large instead of doubling up to
    /// megabytes.</summary>
    private protected virtual int BlockBytes => 0;

    private protected abstract void WriteBody(CanonicalWriter writer);
}
