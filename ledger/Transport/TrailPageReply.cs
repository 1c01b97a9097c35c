using System.Buffers;
using GovChain.Ledger.Transparency;
using Grpc.Core;

namespace GovChain.Ledger.Transport;

/// <summary>
/// A trail page as a client reads it: decoded straight from the receive buffer, where reading it into an array first
/// cost a large-object allocation a page (pages are tens to hundreds of kilobytes, and the service reads one from every
/// validator per trail); or, for a malformed reply, why — thrown by <see cref="PageOrThrow"/> as the decoder would.
/// </summary>
public sealed class TrailPageReply
{
    private readonly TrailPage? page;
    private readonly string? error;

    private TrailPageReply(TrailPage? page, string? error)
    {
        this.page = page;
        this.error = error;
    }

    public static Marshaller<TrailPageReply> Marshaller { get; } = new(Write, Read);

    /// <exception cref="LedgerFormatException">The reply was not a well-formed trail page.</exception>
    public TrailPage PageOrThrow() => page ?? throw new LedgerFormatException(error!);

    private static void Write(TrailPageReply reply, SerializationContext context) => context.Complete(reply.PageOrThrow().Encode());

    private static TrailPageReply Read(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();
        try
        {
            if (payload.IsSingleSegment)
            {
                return new(TrailPage.Decode(payload.FirstSpan), null);
            }

            var length = checked((int)payload.Length);
            var rented = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                payload.CopyTo(rented);
                return new(TrailPage.Decode(rented.AsSpan(0, length)), null);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        catch (LedgerFormatException ex)
        {
            return new(null, ex.Message);
        }
    }
}
