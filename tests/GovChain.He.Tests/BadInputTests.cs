using System.Buffers.Binary;
using GovChain.He.Keys;
using GovChain.He.Serialization;
using Xunit;

namespace GovChain.He.Tests;

/// <summary>Each kind of bad blob is refused with a HeFormatException that says why.</summary>
public sealed class BadInputTests
{
    private const int HeaderBytes = 16;
    private const int ParmsIdOffset = HeaderBytes;
    private const int SizeOffset = HeaderBytes + 32 + 1;

    private static BlobCorpus Corpus => BlobCorpus.Instance;

    [Fact]
    public void ValidBlobsOfEveryKindLoad()
    {
        foreach (var (kind, blob) in Corpus.Blobs)
        {
            Corpus.Load(kind, blob);
        }
    }

    [Fact]
    public void TruncatedBlobsAreRejected()
    {
        foreach (var (kind, blob) in Corpus.Blobs)
        {
            foreach (var length in new[] { 0, 5, HeaderBytes, HeaderBytes + 3, blob.Length / 2, blob.Length - 1 })
            {
                Assert.Throws<HeFormatException>(() => Corpus.Load(kind, blob[..length]));
            }
        }
    }

    [Fact]
    public void MismatchedParmsIdIsRejected()
    {
        var blob = (byte[])Corpus.Ciphertext.Clone();
        blob[ParmsIdOffset + 5] ^= 0x10;
        Assert.Contains("parms_id", Assert.Throws<HeFormatException>(() => Ciphertext.Load(Corpus.Context, blob)).Message, StringComparison.Ordinal);

        var other = new HeContext(EncryptionParameters.BfvDefault(8192));
        Assert.Throws<HeFormatException>(() => Ciphertext.Load(other, Corpus.Ciphertext));
        var sk = Corpus.Blobs.Single(b => b.Kind == "secretkey").Blob;
        Assert.Throws<HeFormatException>(() => SecretKey.Load(other, sk));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(3UL)]
    [InlineData(17UL)]
    [InlineData(ulong.MaxValue)]
    public void WrongPolynomialCountsAreRejected(ulong size)
    {
        var blob = (byte[])Corpus.Ciphertext.Clone();
        BinaryPrimitives.WriteUInt64LittleEndian(blob.AsSpan(SizeOffset), size);
        var e = Assert.Throws<HeFormatException>(() => Ciphertext.Load(Corpus.Context, blob));
        Assert.Contains("polynomials", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutOfRangeCoefficientsAreRejected()
    {
        var blob = (byte[])Corpus.Ciphertext.Clone();
        // The last word of the data belongs to the last prime; 2^63 is above every prime.
        blob[^1] = 0x80;
        Assert.Contains("not reduced", Assert.Throws<HeFormatException>(() => Ciphertext.Load(Corpus.Context, blob)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FlippedHeaderAndShapeBytesAreRejected()
    {
        // Magic, header size, version, compression mode, reserved, total size, parms_id, ntt flag, size, degree, prime count, scale, correction factor, nested header.
        var positions = new[] { 0, 1, 2, 3, 5, 6, 9, 12, 16, 40, 48, 49, 57, 65, 73, 80, 81, 89, 97 };
        foreach (var position in positions)
        {
            var blob = (byte[])Corpus.Ciphertext.Clone();
            blob[position] ^= 0x04;
            Assert.Throws<HeFormatException>(() => Ciphertext.Load(Corpus.Context, blob));
        }
    }

    [Fact]
    public void CorruptCompressedStreamsAreRejected()
    {
        foreach (var (kind, blob) in Corpus.Blobs.Where(b => b.Kind.Contains('-', StringComparison.Ordinal)))
        {
            var corrupt = (byte[])blob.Clone();
            for (var i = HeaderBytes + 2; i < corrupt.Length; i += 97)
            {
                corrupt[i] ^= 0x5A;
            }

            Assert.Throws<HeFormatException>(() => Corpus.Load(kind, corrupt));
        }
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        var blob = Corpus.Ciphertext.Concat(new byte[] { 0 }).ToArray();
        Assert.Throws<HeFormatException>(() => Ciphertext.Load(Corpus.Context, blob));
    }

    [Fact]
    public void GaloisKeysWithWrongPartCountsAreRejected()
    {
        var blob = (byte[])Corpus.Blobs.Single(b => b.Kind == "galoiskeys").Blob.Clone();
        // Layout after the header: parms_id (32), table size (8), then per entry a part count; entry 1 holds element 3.
        var entry1 = HeaderBytes + 32 + 8 + 8;
        Assert.Equal(2UL, BinaryPrimitives.ReadUInt64LittleEndian(blob.AsSpan(entry1)));
        BinaryPrimitives.WriteUInt64LittleEndian(blob.AsSpan(entry1), 3);
        Assert.Contains("parts", Assert.Throws<HeFormatException>(() => GaloisKeys.Load(Corpus.Context, blob)).Message, StringComparison.Ordinal);
    }
}
