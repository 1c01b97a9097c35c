using GovChain.Crypto.Sm2Fast;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace GovChain.Crypto;

/// <summary>An SM2 public key: a validated point of sm2p256v1 (on the curve, not O).</summary>
public sealed class Sm2PublicKey : IEquatable<Sm2PublicKey>
{
    public const int UncompressedSizeInBytes = 65;

    private readonly byte[] uncompressed;
    private byte[]? defaultZa;
    private AffinePoint[][]? verificationTables;

    internal Sm2PublicKey(ECPoint point)
    {
        Point = point.Normalize();
        uncompressed = Sm2Curve.EncodeUncompressed(Point);
    }

    internal ECPoint Point { get; }

    /// <summary>Accepts 04‖x‖y (65 bytes) or a compressed point (33 bytes).</summary>
    public static Sm2PublicKey FromEncoded(ReadOnlySpan<byte> encoded) => new(Sm2Curve.DecodePoint(encoded, "SM2 public key"));

    public static Sm2PublicKey FromUncompressed(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != UncompressedSizeInBytes)
        {
            throw new CryptoInputException($"SM2 public key: expected 65 bytes 04‖x‖y, got {encoded.Length}");
        }

        return FromEncoded(encoded);
    }

    public static Sm2PublicKey FromHex(string hex) => FromEncoded(Hex.Decode(hex, "SM2 public key hex"));

    /// <summary>Reads a SubjectPublicKeyInfo (DER) whose algorithm is id-ecPublicKey with the sm2p256v1 curve.</summary>
    public static Sm2PublicKey FromSubjectPublicKeyInfo(ReadOnlySpan<byte> der)
    {
        SubjectPublicKeyInfo info;
        try
        {
            info = SubjectPublicKeyInfo.GetInstance(der.ToArray());
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new CryptoInputException("SM2 public key: not a valid SubjectPublicKeyInfo");
        }

        Sm2Pkcs.CheckAlgorithm(info.Algorithm, "SM2 public key");
        return FromEncoded(info.PublicKey.GetOctets());
    }

    /// <summary>Reads "PUBLIC KEY" (SubjectPublicKeyInfo) PEM.</summary>
    public static Sm2PublicKey FromPem(string pem) => FromSubjectPublicKeyInfo(Sm2Pkcs.ReadPem(pem, "PUBLIC KEY", "SM2 public key"));

    public byte[] ToUncompressed() => (byte[])uncompressed.Clone();

    public byte[] ExportSubjectPublicKeyInfo() =>
        SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(new ECPublicKeyParameters("EC", Point, Sm2Curve.Oid)).GetDerEncoded();

    public string ExportPem() => Sm2Pkcs.Pem("PUBLIC KEY", ExportSubjectPublicKeyInfo());

    /// <summary>ZA = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), GB/T 32918.2 §5.5.</summary>
    public byte[] ComputeZa(ReadOnlySpan<byte> userId = default)
    {
        var id = Sm2UserId.OrDefault(userId);
        using var h = new Sm3Hasher();
        var bits = id.Length * 8;
        h.Append([(byte)(bits >> 8), (byte)bits]);
        h.Append(id);
        h.Append(Sm2Curve.CurveAB);
        h.Append(Sm2Curve.GeneratorXY);
        h.Append(uncompressed.AsSpan(1));
        return h.GetHashAndReset();
    }

    /// <summary>e = SM3(ZA ‖ M). ZA for the default ID is computed once per key.</summary>
    internal void MessageDigest(ReadOnlySpan<byte> message, ReadOnlySpan<byte> userId, Span<byte> digest)
    {
        var za = userId.IsEmpty || userId.SequenceEqual(Sm2UserId.Default) ? defaultZa ??= ComputeZa() : ComputeZa(userId);
        using var h = new Sm3Hasher();
        h.Append(za);
        h.Append(message);
        h.GetHashAndReset(digest);
    }

    /// <summary>Verifies (GB/T 32918.2 §7.1). Variable time: everything here is public.</summary>
    public bool VerifyData(ReadOnlySpan<byte> message, Sm2Signature signature, ReadOnlySpan<byte> userId = default)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var r = signature.RValue;
        var s = signature.SValue;
        if (r.SignValue <= 0 || r.CompareTo(Sm2Curve.N) >= 0 || s.SignValue <= 0 || s.CompareTo(Sm2Curve.N) >= 0)
        {
            return false;
        }

        var t = r.Add(s).Mod(Sm2Curve.N);
        if (t.SignValue == 0)
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[Sm3.HashSizeInBytes];
        MessageDigest(message, userId, digest);
        if (CryptoFastPath.Enabled)
        {
            var tables = verificationTables ??= Sm2FastOperations.VerificationTables(uncompressed);
            return Sm2FastOperations.Verify(digest, signature.RawBytes, tables);
        }

        var e = new BigInteger(1, digest);
        var x1y1 = ECAlgorithms.SumOfTwoMultiplies(Sm2Curve.G, s, Point, t).Normalize();
        if (x1y1.IsInfinity)
        {
            return false;
        }

        return e.Add(x1y1.AffineXCoord.ToBigInteger()).Mod(Sm2Curve.N).Equals(r);
    }

    /// <summary>Encrypts with a fresh random k (GB/T 32918.4 §6.1).</summary>
    public Sm2Ciphertext Encrypt(ReadOnlySpan<byte> plaintext) => Sm2Encryption.Encrypt(this, plaintext, fixedK: null);

    public bool Equals(Sm2PublicKey? other) => other is not null && uncompressed.AsSpan().SequenceEqual(other.uncompressed);

    public override bool Equals(object? obj) => Equals(obj as Sm2PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(uncompressed, 1);

    public override string ToString() => Convert.ToHexStringLower(uncompressed);
}
