using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.GM;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace GovChain.Crypto;

/// <summary>The recommended curve sm2p256v1 of GB/T 32918.5 (cofactor 1, so every curve point but O is in the group).</summary>
internal static class Sm2Curve
{
    public const int FieldSizeInBytes = 32;

    public static readonly DerObjectIdentifier Oid = GMObjectIdentifiers.sm2p256v1;

    public static readonly ECDomainParameters Domain = new ECNamedDomainParameters(Oid, GMNamedCurves.GetByOid(Oid));

    public static readonly BigInteger N = Domain.N;

    public static readonly ECPoint G = Domain.G;

    public static readonly ECCurve Curve = Domain.Curve;

    /// <summary>n - 1: private keys lie in [1, n - 2] because signing inverts 1 + d.</summary>
    public static readonly BigInteger NMinusOne = N.Subtract(BigInteger.One);

    /// <summary>a ‖ b, 64 bytes, as ZA hashes them.</summary>
    public static readonly byte[] CurveAB = [.. ToFixed(Curve.A.ToBigInteger()), .. ToFixed(Curve.B.ToBigInteger())];

    /// <summary>xG ‖ yG, 64 bytes, as ZA hashes them.</summary>
    public static readonly byte[] GeneratorXY = G.GetEncoded(false)[1..];

    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    /// <summary>[k]G with BouncyCastle's fixed-base comb, whose table look-ups are constant time.</summary>
    public static ECPoint MultiplyBase(BigInteger k) => BaseMultiplier.Multiply(G, k).Normalize();

    /// <summary>A uniform scalar in [1, upperExclusive - 1], by rejection sampling from the OS generator.</summary>
    public static BigInteger RandomScalar(BigInteger upperExclusive)
    {
        Span<byte> buffer = stackalloc byte[FieldSizeInBytes];
        while (true)
        {
            System.Security.Cryptography.RandomNumberGenerator.Fill(buffer);
            var k = new BigInteger(1, buffer);
            if (k.SignValue > 0 && k.CompareTo(upperExclusive) < 0)
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
                return k;
            }
        }
    }

    public static byte[] ToFixed(BigInteger value)
    {
        var result = new byte[FieldSizeInBytes];
        WriteFixed(value, result);
        return result;
    }

    /// <summary>Writes a non-negative value below 2^256 as 32 big-endian bytes, left-padded with zeros.</summary>
    public static void WriteFixed(BigInteger value, Span<byte> destination)
    {
        var minimal = value.ToByteArrayUnsigned();
        if (minimal.Length > FieldSizeInBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(value), "value exceeds 256 bits");
        }

        var field = destination[..FieldSizeInBytes];
        field[..^minimal.Length].Clear();
        minimal.CopyTo(field[^minimal.Length..]);
    }

    /// <summary>Decodes an encoded point (04‖x‖y, or 02/03‖x) and checks that it is on the curve and not O.</summary>
    public static ECPoint DecodePoint(ReadOnlySpan<byte> encoded, string what)
    {
        if (encoded.Length == 0 || !(encoded[0] == 0x04 && encoded.Length == 65 || (encoded[0] is 0x02 or 0x03) && encoded.Length == 33))
        {
            throw new CryptoInputException($"{what}: expected 65 bytes 04‖x‖y (or 33 bytes compressed), got {encoded.Length} bytes" +
                (encoded.Length > 0 ? $" starting 0x{encoded[0]:x2}" : string.Empty));
        }

        ECPoint point;
        try
        {
            point = Curve.DecodePoint(encoded.ToArray());
        }
        catch (ArgumentException e)
        {
            throw new CryptoInputException($"{what}: not a point on sm2p256v1 ({e.Message})");
        }

        if (point.IsInfinity || !point.IsValid())
        {
            throw new CryptoInputException($"{what}: not a point on sm2p256v1");
        }

        return point.Normalize();
    }

    public static ECPoint FromCoordinates(BigInteger x, BigInteger y, string what)
    {
        if (x.SignValue < 0 || y.SignValue < 0 || x.BitLength > 256 || y.BitLength > 256)
        {
            throw new CryptoInputException($"{what}: coordinate out of range");
        }

        Span<byte> encoded = stackalloc byte[65];
        encoded[0] = 0x04;
        WriteFixed(x, encoded[1..]);
        WriteFixed(y, encoded[33..]);
        return DecodePoint(encoded, what);
    }

    public static byte[] EncodeUncompressed(ECPoint point) => point.GetEncoded(false);
}
