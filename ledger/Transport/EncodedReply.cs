using System.Buffers;
using System.Collections.Concurrent;
using GovChain.Ledger.Codec;
using Grpc.Core;

namespace GovChain.Ledger.Transport;

/// <summary>
/// A reply encoded into a pooled writer and copied straight into the response stream, the writer then going back to
/// the pool. Trail pages are tens to hundreds of kilobytes: built as arrays, each cost two large-object allocations
/// whose fresh pages the kernel zeroed on first touch — after a batch load, 18 % of the machine serving trails.
/// </summary>
public sealed class EncodedReply
{
    // Enough writers for the pages being built and those waiting to be sent; larger ones are left to the collector.
    private const int MaxPooled = 32;
    private const int MaxPooledCapacity = 1024 * 1024;

    private static readonly ConcurrentQueue<CanonicalWriter> Pool = new();
    private static int pooled;

    private CanonicalWriter? writer;

    private EncodedReply(CanonicalWriter writer) => this.writer = writer;

    /// <summary>The server-side marshaller of a reply (clients decode a trail page with <see cref="TrailPageReply"/>).</summary>
    public static Marshaller<EncodedReply> Marshaller { get; } = new(Serialize, Deserialize);

    public CanonicalWriter Writer => writer ?? throw new InvalidOperationException("the reply was already sent");

    public int Length => Writer.WrittenSpan.Length;

    /// <summary>An empty reply, with a pooled writer when one is free.</summary>
    public static EncodedReply Rent()
    {
        if (Pool.TryDequeue(out var free))
        {
            Interlocked.Decrement(ref pooled);
            return new EncodedReply(free);
        }

        return new EncodedReply(new CanonicalWriter(64 * 1024));
    }

    /// <summary>Gives the writer back; the reply is unusable afterwards. Safe to call more than once.</summary>
    public void Release()
    {
        var w = Interlocked.Exchange(ref writer, null);
        if (w is null || w.Capacity > MaxPooledCapacity)
        {
            return;
        }

        if (Interlocked.Increment(ref pooled) > MaxPooled)
        {
            Interlocked.Decrement(ref pooled);
            return;
        }

        w.Reset();
        Pool.Enqueue(w);
    }

    private static void Serialize(EncodedReply reply, SerializationContext context)
    {
        var bytes = reply.Writer.WrittenSpan;
        context.SetPayloadLength(bytes.Length);
        context.GetBufferWriter().Write(bytes);
        context.Complete();
        reply.Release();
    }

    private static EncodedReply Deserialize(DeserializationContext context)
    {
        var reply = Rent();
        foreach (var segment in context.PayloadAsReadOnlySequence())
        {
            reply.Writer.WriteFixed(segment.Span);
        }

        return reply;
    }
}
