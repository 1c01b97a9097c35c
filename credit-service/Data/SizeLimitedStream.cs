namespace GovChain.CreditService.Data;

/// <summary>A read-only view of a stream that refuses to deliver more than a fixed number of bytes.</summary>
internal sealed class SizeLimitedStream : Stream
{
    private readonly Stream _inner;
    private readonly long _limit;
    private long _read;

    public SizeLimitedStream(Stream inner, long limit)
    {
        _inner = inner;
        _limit = limit;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // Ask for one byte more than allowed so that a file of exactly the limit passes and one byte over fails.
        var room = (int)Math.Min(buffer.Length, _limit - _read + 1);
        var n = _inner.Read(buffer[..room]);
        _read += n;
        return _read > _limit ? throw new ImportFormatException($"the file is larger than the {_limit}-byte limit") : n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
