using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Math;

namespace GovChain.Crypto;

/// <summary>An SM2 signature (r, s). Parsing checks the encoding only; range checks belong to verification.</summary>
public sealed class Sm2Signature : IEquatable<Sm2Signature>
{
    public const int RawSizeInBytes = 64;

    private readonly byte[] raw;

    private Sm2Signature(byte[] raw) => this.raw = raw;

    public ReadOnlySpan<byte> R => raw.AsSpan(0, 32);

    public ReadOnlySpan<byte> S => raw.AsSpan(32, 32);

    internal ReadOnlySpan<byte> RawBytes => raw;

    internal BigInteger RValue => new(1, raw, 0, 32);

    internal BigInteger SValue => new(1, raw, 32, 32);

    public static Sm2Signature FromRaw(ReadOnlySpan<byte> rs)
    {
        if (rs.Length != RawSizeInBytes)
        {
            throw new CryptoInputException($"raw SM2 signature must be 64 bytes r‖s, got {rs.Length}");
        }

        return new Sm2Signature(rs.ToArray());
    }

    /// <summary>Parses DER SEQUENCE { r INTEGER, s INTEGER }, rejecting BER, trailing bytes and negative or oversized integers.</summary>
    public static Sm2Signature FromDer(ReadOnlySpan<byte> der)
    {
        var seq = Sm2Pkcs.ReadDerSequence(der, "DER SM2 signature");
        if (seq.Count != 2 || seq[0] is not DerInteger r || seq[1] is not DerInteger s)
        {
            throw new CryptoInputException("DER SM2 signature: expected SEQUENCE of two INTEGERs");
        }

        var rv = r.PositiveValue;
        var sv = s.PositiveValue;
        if (r.Value.SignValue < 0 || s.Value.SignValue < 0 || rv.BitLength > 256 || sv.BitLength > 256)
        {
            throw new CryptoInputException("DER SM2 signature: r or s is negative or longer than 256 bits");
        }

        return FromScalars(rv, sv);
    }

    internal static Sm2Signature FromScalars(BigInteger r, BigInteger s)
    {
        var raw = new byte[RawSizeInBytes];
        Sm2Curve.WriteFixed(r, raw);
        Sm2Curve.WriteFixed(s, raw.AsSpan(32));
        return new Sm2Signature(raw);
    }

    public byte[] ToRaw() => (byte[])raw.Clone();

    public byte[] ToDer() => new DerSequence(new DerInteger(RValue), new DerInteger(SValue)).GetEncoded(Asn1Encodable.Der);

    public bool Equals(Sm2Signature? other) => other is not null && raw.AsSpan().SequenceEqual(other.raw);

    public override bool Equals(object? obj) => Equals(obj as Sm2Signature);

    public override int GetHashCode() => BitConverter.ToInt32(raw, 0);

    public override string ToString() => Convert.ToHexStringLower(raw);
}
