using System.Text;
using GovChain.Ledger.Application;

namespace GovChain.Wallet.Documents;

/// <summary>Identifier rules shared by every document: the ledger's (non-empty, at most 128 UTF-8 bytes), and printable.</summary>
internal static class WalletIds
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Check(string? value, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new WalletFormatException($"{what} is empty");
        }

        if (Utf8Length(value, what) > TransactionPayload.MaxIdBytes)
        {
            throw new WalletFormatException($"{what} is longer than {TransactionPayload.MaxIdBytes} UTF-8 bytes");
        }

        if (value.Any(char.IsControl))
        {
            throw new WalletFormatException($"{what} contains control characters");
        }

        return value;
    }

    /// <summary>Free text (names, purposes, field values): bounded, no control characters.</summary>
    public static string CheckText(string? value, string what, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(value, what);
        if (Utf8Length(value, what) > maxBytes)
        {
            throw new WalletFormatException($"{what} is longer than {maxBytes} UTF-8 bytes");
        }

        return value.Any(char.IsControl) ? throw new WalletFormatException($"{what} contains control characters") : value;
    }

    /// <summary>An identifier that is also safe as a file name in the wallet directory.</summary>
    public static string CheckFileSafe(string? value, string what)
    {
        var id = Check(value, what);
        var safe = id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && id[0] != '.';
        return safe ? id : throw new WalletFormatException($"{what} '{id}' may use only ASCII letters, digits, '-', '_' and '.' (not first)");
    }

    /// <summary>Lone surrogates have no UTF-8 form, so the signed bytes would not say what the text says.</summary>
    private static int Utf8Length(string value, string what)
    {
        try
        {
            return StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new WalletFormatException($"{what} is not valid Unicode text", e);
        }
    }
}
