using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using GovChain.Crypto.Sm2Fast;
using Org.BouncyCastle.Math;

namespace GovChain.Crypto;

/// <summary>An SM2 private key d ∈ [1, n-2] with its public key. ToString never shows d.</summary>
public sealed class Sm2PrivateKey
{
    private readonly BigInteger d;
    private readonly BigInteger inverseOfOnePlusD;
    private readonly Sm2FastOperations.SigningScalar fast;

    private Sm2PrivateKey(BigInteger d)
    {
        if (d.SignValue <= 0 || d.CompareTo(Sm2Curve.NMinusOne) >= 0)
        {
            throw new CryptoInputException("SM2 private key: scalar must lie in [1, n-2]");
        }

        this.d = d;
        inverseOfOnePlusD = d.Add(BigInteger.One).ModInverse(Sm2Curve.N);
        var scalar = Sm2Curve.ToFixed(d);
        fast = new Sm2FastOperations.SigningScalar(scalar);
        PublicKey = CryptoFastPath.Enabled
            ? Sm2PublicKey.FromUncompressed(Sm2FastOperations.MultiplyBase(scalar))
            : new Sm2PublicKey(Sm2Curve.MultiplyBase(d));
        CryptographicOperations.ZeroMemory(scalar);
    }

    public Sm2PublicKey PublicKey { get; }

    public static Sm2PrivateKey Generate() => new(Sm2Curve.RandomScalar(Sm2Curve.NMinusOne));

    /// <summary>Imports the 32-byte big-endian scalar.</summary>
    public static Sm2PrivateKey FromScalar(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != Sm2Curve.FieldSizeInBytes)
        {
            throw new CryptoInputException($"SM2 private key: expected a 32-byte scalar, got {scalar.Length} bytes");
        }

        return new Sm2PrivateKey(new BigInteger(1, scalar));
    }

    public static Sm2PrivateKey FromHex(string hex)
    {
        var bytes = Hex.Decode(hex, "SM2 private key hex");
        try
        {
            return FromScalar(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>Reads PKCS#8 PrivateKeyInfo (DER) holding an SEC1 ECPrivateKey on sm2p256v1.</summary>
    public static Sm2PrivateKey FromPkcs8(ReadOnlySpan<byte> der)
    {
        PrivateKeyInfo info;
        ECPrivateKeyStructure ec;
        try
        {
            info = PrivateKeyInfo.GetInstance(der.ToArray());
            ec = ECPrivateKeyStructure.GetInstance(info.ParsePrivateKey());
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new CryptoInputException("SM2 private key: not a valid PKCS#8 EC private key");
        }

        Sm2Pkcs.CheckAlgorithm(info.PrivateKeyAlgorithm, "SM2 private key");
        var key = new Sm2PrivateKey(ec.GetKey());
        var embedded = ec.PublicKey;
        if (embedded is not null && !Sm2PublicKey.FromEncoded(embedded.GetOctets()).Equals(key.PublicKey))
        {
            throw new CryptoInputException("SM2 private key: embedded public key does not match the scalar");
        }

        return key;
    }

    /// <summary>Reads "PRIVATE KEY" (PKCS#8) PEM.</summary>
    public static Sm2PrivateKey FromPem(string pem) => FromPkcs8(Sm2Pkcs.ReadPem(pem, "PRIVATE KEY", "SM2 private key"));

    public byte[] ExportScalar() => Sm2Curve.ToFixed(d);

    public byte[] ExportPkcs8()
    {
        var algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, Sm2Curve.Oid);
        var publicBits = new DerBitString(PublicKey.ToUncompressed());
        var ec = new ECPrivateKeyStructure(256, d, publicBits, null);
        return new PrivateKeyInfo(algorithm, ec).GetDerEncoded();
    }

    public string ExportPem() => Sm2Pkcs.Pem("PRIVATE KEY", ExportPkcs8());

    /// <summary>Signs M under user ID (default "1234567812345678") with a fresh random k.</summary>
    public Sm2Signature SignData(ReadOnlySpan<byte> message, ReadOnlySpan<byte> userId = default) => Sign(message, userId, fixedK: null);

    public byte[] Decrypt(Sm2Ciphertext ciphertext) => Sm2Encryption.Decrypt(this, ciphertext);

    public override string ToString() => "Sm2PrivateKey(public " + PublicKey + ")";

    /// <summary>GB/T 32918.2 §6.1. A fixed k exists only so tests can reproduce the standard's worked example.</summary>
    internal Sm2Signature Sign(ReadOnlySpan<byte> message, ReadOnlySpan<byte> userId, BigInteger? fixedK)
    {
        Span<byte> digest = stackalloc byte[Sm3.HashSizeInBytes];
        PublicKey.MessageDigest(message, userId, digest);
        if (CryptoFastPath.Enabled)
        {
            var rs = new byte[Sm2Signature.RawSizeInBytes];
            Sm2FastOperations.Sign(digest, fast, fixedK is null ? default : Sm2Curve.ToFixed(fixedK), rs);
            return Sm2Signature.FromRaw(rs);
        }

        var e = new BigInteger(1, digest);
        var n = Sm2Curve.N;
        while (true)
        {
            var k = fixedK ?? Sm2Curve.RandomScalar(n);
            var x1 = Sm2Curve.MultiplyBase(k).AffineXCoord.ToBigInteger();
            var r = e.Add(x1).Mod(n);
            if (r.SignValue == 0 || r.Add(k).Equals(n))
            {
                RejectFixed(fixedK);
                continue;
            }

            var s = inverseOfOnePlusD.Multiply(k.Subtract(r.Multiply(d))).Mod(n);
            if (s.SignValue == 0)
            {
                RejectFixed(fixedK);
                continue;
            }

            return Sm2Signature.FromScalars(r, s);
        }
    }

    internal BigInteger Scalar => d;

    private static void RejectFixed(BigInteger? fixedK)
    {
        if (fixedK is not null)
        {
            throw new CryptoInputException("the fixed k gives r = 0, r + k = n or s = 0");
        }
    }
}
