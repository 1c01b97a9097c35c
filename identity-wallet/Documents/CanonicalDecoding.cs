using GovChain.Ledger;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>Runs a canonical decoder and turns the ledger codec's format errors into wallet format errors.</summary>
internal static class CanonicalDecoding
{
    public delegate T Decoder<out T>(ref CanonicalReader reader);

    public static T Decode<T>(ReadOnlySpan<byte> bytes, string what, Decoder<T> decode)
    {
        try
        {
            var reader = new CanonicalReader(bytes);
            var value = decode(ref reader);
            reader.EnsureEnd();
            return value;
        }
        catch (LedgerFormatException e)
        {
            throw new WalletFormatException($"{what}: {e.Message}", e);
        }
    }

    public static void ExpectTag(ref CanonicalReader reader, ReadOnlySpan<byte> tag, string what)
    {
        if (!reader.ReadFixed(tag.Length).SequenceEqual(tag))
        {
            throw new WalletFormatException($"{what}: wrong type tag");
        }
    }
}
