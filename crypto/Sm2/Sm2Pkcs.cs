using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;

namespace GovChain.Crypto;

/// <summary>PKCS#8 / SPKI / PEM plumbing shared by the key types.</summary>
internal static class Sm2Pkcs
{
    /// <summary>OpenSSL 3 and BouncyCastle both write id-ecPublicKey with the sm2p256v1 named curve.</summary>
    public static void CheckAlgorithm(AlgorithmIdentifier algorithm, string what)
    {
        if (!algorithm.Algorithm.Equals(X9ObjectIdentifiers.IdECPublicKey))
        {
            throw new CryptoInputException($"{what}: algorithm {algorithm.Algorithm.Id} is not id-ecPublicKey");
        }

        if (algorithm.Parameters is not DerObjectIdentifier curve || !curve.Equals(Sm2Curve.Oid))
        {
            throw new CryptoInputException($"{what}: curve is not sm2p256v1 ({Sm2Curve.Oid.Id})");
        }
    }

    /// <summary>Parses a DER SEQUENCE, rejecting BER, truncation and trailing bytes, so every value has one encoding.</summary>
    public static Asn1Sequence ReadDerSequence(ReadOnlySpan<byte> der, string what)
    {
        var bytes = der.ToArray();
        Asn1Sequence? seq;
        try
        {
            seq = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(bytes));
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            throw new CryptoInputException($"{what}: not a valid DER SEQUENCE (truncated?)");
        }

        if (seq is null || !seq.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(bytes))
        {
            throw new CryptoInputException($"{what}: not a canonical DER SEQUENCE");
        }

        return seq;
    }

    public static string Pem(string label, byte[] der) => new string(System.Security.Cryptography.PemEncoding.Write(label, der)) + "\n";

    /// <summary>Finds the first PEM block with <paramref name="label"/> and returns its DER.</summary>
    public static byte[] ReadPem(string text, string label, string what)
    {
        var span = text.AsSpan();
        while (System.Security.Cryptography.PemEncoding.TryFind(span, out var fields))
        {
            if (span[fields.Label].SequenceEqual(label))
            {
                try
                {
                    return Convert.FromBase64String(span[fields.Base64Data].ToString());
                }
                catch (FormatException)
                {
                    throw new CryptoInputException($"{what}: PEM body is not valid base64");
                }
            }

            span = span[fields.Location.End..];
        }

        throw new CryptoInputException($"{what}: no '-----BEGIN {label}-----' block found");
    }
}
