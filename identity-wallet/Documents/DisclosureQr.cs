using QRCoder;

namespace GovChain.Wallet.Documents;

/// <summary>Renders a disclosure token as a QR code: a PNG for screens and a block-character version for terminals.</summary>
public static class DisclosureQr
{
    private const int PixelsPerModule = 4;

    public static byte[] Png(string token)
    {
        using var data = Encode(token);
        return new PngByteQRCode(data).GetGraphic(PixelsPerModule);
    }

    /// <summary>Two modules per character row (half blocks), so the code fits a terminal.</summary>
    public static string Text(string token)
    {
        using var data = Encode(token);
        return new AsciiQRCode(data).GetGraphicSmall(drawQuietZones: true);
    }

    private static QRCodeData Encode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        try
        {
            using var generator = new QRCodeGenerator();
            return generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.L);
        }
        catch (QRCoder.Exceptions.DataTooLongException e)
        {
            throw new WalletFormatException($"the token ({token.Length} characters) is too long for a QR code", e);
        }
    }
}
