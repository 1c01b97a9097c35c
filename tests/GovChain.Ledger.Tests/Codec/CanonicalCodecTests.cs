using System.Text;
using GovChain.Ledger.Codec;
using Xunit;

namespace GovChain.Ledger.Tests.Codec;

/// <summary>Strings and the per-thread spare writer of the canonical codec.</summary>
public sealed class CanonicalCodecTests
{
    [Theory]
    [InlineData("")]
    [InlineData("citizen-1")]
    [InlineData("信用查询·授权 ✓ 𝄞")]
    public void AStringIsItsUtf8BytesAfterAByteCountAndReadsBack(string value)
    {
        var writer = new CanonicalWriter(4);
        writer.WriteString(value);
        var utf8 = Encoding.UTF8.GetBytes(value);
        Assert.Equal([.. new byte[] { 0, 0, (byte)(utf8.Length >> 8), (byte)utf8.Length }, .. utf8], writer.WrittenSpan.ToArray());

        var reader = new CanonicalReader(writer.WrittenSpan);
        Assert.Equal(value, reader.ReadString(256));
        reader.EnsureEnd();
    }

    [Fact]
    public void InvalidUtf8AndOverlongStringsAreFormatErrors()
    {
        Assert.Throws<LedgerFormatException>(() => new CanonicalReader([0, 0, 0, 2, 0xC3, 0x28]).ReadString(16));
        Assert.Throws<LedgerFormatException>(() => new CanonicalReader([0, 0, 0, 3, 0x61, 0x62, 0x63]).ReadString(2));
        Assert.Throws<LedgerFormatException>(() => new CanonicalReader([0, 0, 0, 9, 0x61]).ReadString(16));
    }

    [Fact]
    public void ARentedWriterStartsEmptyAndANestedRentGetsAnotherWriter()
    {
        var outer = CanonicalWriter.Rent();
        outer.WriteUInt32(7);
        var inner = CanonicalWriter.Rent();
        Assert.NotSame(outer, inner);
        Assert.Equal(0, inner.WrittenSpan.Length);
        inner.Return();
        Assert.Equal(new byte[] { 0, 0, 0, 7 }, outer.WrittenSpan.ToArray());
        outer.Return();

        var again = CanonicalWriter.Rent();
        Assert.Same(outer, again);
        Assert.Equal(0, again.WrittenSpan.Length);
        again.Return();
    }
}
