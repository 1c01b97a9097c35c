using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;

namespace GovChain.Crypto;

/// <summary>Byte layouts of an SM2 ciphertext.</summary>
public enum Sm2CipherMode
{
    /// <summary>04‖x‖y ‖ C3 ‖ C2: GB/T 32918.4-2016, the default.</summary>
    C1C3C2,

    /// <summary>04‖x‖y ‖ C2 ‖ C3: the 2010 draft order, still BouncyCastle's default.</summary>
    C1C2C3,

    /// <summary>GM/T 0009 SEQUENCE { x INTEGER, y INTEGER, C3 OCTET STRING, C2 OCTET STRING }.</summary>
    Asn1,
}

/// <summary>An SM2 ciphertext: C1 = [k]G (a validated point), C3 = SM3(x2‖M‖y2), C2 = M ⊕ KDF(x2‖y2).</summary>
public sealed class Sm2Ciphertext
{
    private const int C1Size = 65;
    private const int C3Size = Sm3.HashSizeInBytes;

    private readonly byte[] c1;
    private readonly byte[] c3;
    private readonly byte[] c2;

    internal Sm2Ciphertext(byte[] c1, byte[] c3, byte[] c2)
    {
        this.c1 = c1;
        this.c3 = c3;
        this.c2 = c2;
    }

    public ReadOnlySpan<byte> C1 => c1;

    public ReadOnlySpan<byte> C3 => c3;

    public ReadOnlySpan<byte> C2 => c2;

    public static Sm2Ciphertext Decode(ReadOnlySpan<byte> encoded, Sm2CipherMode mode = Sm2CipherMode.C1C3C2) => mode switch
    {
        Sm2CipherMode.C1C3C2 => DecodeConcatenated(encoded, c3First: true),
        Sm2CipherMode.C1C2C3 => DecodeConcatenated(encoded, c3First: false),
        Sm2CipherMode.Asn1 => DecodeAsn1(encoded),
        _ => throw new CryptoInputException($"unknown SM2 cipher mode {mode}"),
    };

    public byte[] Encode(Sm2CipherMode mode = Sm2CipherMode.C1C3C2) => mode switch
    {
        Sm2CipherMode.C1C3C2 => [.. c1, .. c3, .. c2],
        Sm2CipherMode.C1C2C3 => [.. c1, .. c2, .. c3],
        Sm2CipherMode.Asn1 => new DerSequence(
            new DerInteger(new BigInteger(1, c1, 1, 32)),
            new DerInteger(new BigInteger(1, c1, 33, 32)),
            new DerOctetString(c3),
            new DerOctetString(c2)).GetEncoded(Asn1Encodable.Der),
        _ => throw new CryptoInputException($"unknown SM2 cipher mode {mode}"),
    };

    private static Sm2Ciphertext DecodeConcatenated(ReadOnlySpan<byte> encoded, bool c3First)
    {
        if (encoded.Length <= C1Size + C3Size)
        {
            throw new CryptoInputException($"SM2 ciphertext of {encoded.Length} bytes is truncated: C1 (65) and C3 (32) need at least 98");
        }

        var c1 = encoded[..C1Size];
        Sm2Curve.DecodePoint(c1, "SM2 ciphertext C1");
        var rest = encoded[C1Size..];
        var c3 = c3First ? rest[..C3Size] : rest[^C3Size..];
        var c2 = c3First ? rest[C3Size..] : rest[..^C3Size];
        return new Sm2Ciphertext(c1.ToArray(), c3.ToArray(), c2.ToArray());
    }

    private static Sm2Ciphertext DecodeAsn1(ReadOnlySpan<byte> encoded)
    {
        var seq = Sm2Pkcs.ReadDerSequence(encoded, "SM2 ASN.1 ciphertext");
        if (seq.Count != 4 || seq[0] is not DerInteger x || seq[1] is not DerInteger y || seq[2] is not Asn1OctetString c3 || seq[3] is not Asn1OctetString c2)
        {
            throw new CryptoInputException("SM2 ASN.1 ciphertext: expected SEQUENCE { INTEGER, INTEGER, OCTET STRING, OCTET STRING }");
        }

        if (c3.GetOctets().Length != C3Size || c2.GetOctets().Length == 0)
        {
            throw new CryptoInputException("SM2 ASN.1 ciphertext: C3 must be 32 bytes and C2 non-empty");
        }

        var point = Sm2Curve.FromCoordinates(x.Value, y.Value, "SM2 ciphertext C1");
        return new Sm2Ciphertext(Sm2Curve.EncodeUncompressed(point), c3.GetOctets(), c2.GetOctets());
    }
}
