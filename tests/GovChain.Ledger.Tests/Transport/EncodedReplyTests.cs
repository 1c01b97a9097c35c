using System.Buffers;
using GovChain.Ledger.Transport;
using Grpc.Core;
using Xunit;

namespace GovChain.Ledger.Tests.Transport;

/// <summary>A pooled reply reaches the wire byte for byte, and its writer is reused only once it has been sent.</summary>
public sealed class EncodedReplyTests
{
    [Fact]
    public void TheMarshallerWritesExactlyTheEncodedBytesAndReadsThemBack()
    {
        var reply = EncodedReply.Rent();
        byte[] payload = [.. Enumerable.Range(0, 200_000).Select(i => (byte)(i * 7))];
        reply.Writer.WriteFixed(payload);
        var context = new RecordingContext();
        EncodedReply.Marshaller.ContextualSerializer(reply, context);
        Assert.Equal(payload.Length, context.DeclaredLength);
        Assert.True(context.Completed);
        Assert.Equal(payload, context.Written.WrittenSpan.ToArray());

        var read = EncodedReply.Marshaller.ContextualDeserializer(new PayloadContext(payload));
        Assert.Equal(payload, read.Writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void ASentReplyCannotBeReadAgainAndItsWriterComesBackEmpty()
    {
        var reply = EncodedReply.Rent();
        reply.Writer.WriteUInt64(42);
        EncodedReply.Marshaller.ContextualSerializer(reply, new RecordingContext());
        Assert.Throws<InvalidOperationException>(() => reply.Writer);
        reply.Release(); // a second release is harmless

        for (var i = 0; i < 64; i++)
        {
            Assert.Equal(0, EncodedReply.Rent().Length);
        }
    }

    private sealed class RecordingContext : SerializationContext
    {
        public ArrayBufferWriter<byte> Written { get; } = new();

        public int DeclaredLength { get; private set; } = -1;

        public bool Completed { get; private set; }

        public override void SetPayloadLength(int payloadLength) => DeclaredLength = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter() => Written;

        public override void Complete() => Completed = true;
    }

    private sealed class PayloadContext(byte[] payload) : DeserializationContext
    {
        public override int PayloadLength => payload.Length;

        public override byte[] PayloadAsNewBuffer() => [.. payload];

        public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
    }
}
