using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>An element of the BN254 base field F_p (p ≈ 2^254). Stored in Montgomery form.</summary>
public readonly partial struct Fp : IEquatable<Fp>
{
    internal readonly U256 Mont;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fp(U256 montgomery) => Mont = montgomery;

    public static Fp Zero => default;

    public static Fp One => new(FpModulus.ROne);

    /// <summary>The modulus as an integer.</summary>
    public static BigInteger Modulus { get; } = FpModulus.Modulus.ToBigInteger();

    public bool IsZero => Mont.IsZero;

    public bool IsOne => Mont.Equals(FpModulus.ROne);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator +(Fp a, Fp b) => new(Montgomery<FpModulus>.Add(a.Mont, b.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(Fp a, Fp b) => new(Montgomery<FpModulus>.Sub(a.Mont, b.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(Fp a) => new(Montgomery<FpModulus>.Negate(a.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator *(Fp a, Fp b) => new(Montgomery<FpModulus>.Mul(a.Mont, b.Mont));

    public static bool operator ==(Fp a, Fp b) => a.Equals(b);

    public static bool operator !=(Fp a, Fp b) => !a.Equals(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp Square() => new(Montgomery<FpModulus>.Square(Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp Double() => new(Montgomery<FpModulus>.Double(Mont));

    /// <summary>The multiplicative inverse; zero maps to zero.</summary>
    public Fp Inverse() => new(Montgomery<FpModulus>.Inverse(Mont));

    public Fp Pow(BigInteger exponent)
    {
        if (exponent.Sign < 0)
        {
            return Inverse().Pow(-exponent);
        }

        var result = One;
        for (var i = (int)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = result.Square();
            if (!(exponent >> i).IsEven)
            {
                result *= this;
            }
        }

        return result;
    }

    /// <summary>Inverts every nonzero element in place with one field inversion (Montgomery's trick); zeros stay zero.</summary>
    public static void BatchInverse(Span<Fp> values)
    {
        if (values.Length == 0)
        {
            return;
        }

        var prefix = new Fp[values.Length];
        var acc = One;
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i] = acc;
            if (!values[i].IsZero)
            {
                acc *= values[i];
            }
        }

        var inv = acc.Inverse();
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero)
            {
                continue;
            }

            var original = values[i];
            values[i] = inv * prefix[i];
            inv *= original;
        }
    }

    /// <summary>From an integer; values outside [0, modulus) are rejected.</summary>
    public static Fp FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value >= Modulus)
        {
            throw new ZkFormatException($"field element out of range [0, modulus): {value}");
        }

        return new(Montgomery<FpModulus>.ToMontgomery(U256.FromBigInteger(value)));
    }

    public static Fp FromUInt64(ulong value) => new(Montgomery<FpModulus>.ToMontgomery(new U256(value, 0, 0, 0)));

    /// <summary>Parses a canonical decimal string as snarkjs writes it; rejects signs, junk and values ≥ modulus.</summary>
    public static Fp Parse(string decimalText)
    {
        ArgumentNullException.ThrowIfNull(decimalText);
        if (decimalText.Length == 0 || decimalText.Length > 80 || !decimalText.All(char.IsAsciiDigit))
        {
            throw new ZkFormatException($"not a decimal field element: '{Truncate(decimalText)}'");
        }

        return FromBigInteger(BigInteger.Parse(decimalText, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>From 32 little-endian bytes of the canonical value; rejects values ≥ modulus.</summary>
    public static Fp FromLittleEndian(ReadOnlySpan<byte> bytes32)
    {
        var v = U256.FromLittleEndian(bytes32);
        if (!Montgomery<FpModulus>.IsCanonical(v))
        {
            throw new ZkFormatException("field element ≥ modulus");
        }

        return new(Montgomery<FpModulus>.ToMontgomery(v));
    }

    /// <summary>From 32 little-endian bytes already in Montgomery form (as snarkjs .zkey stores them).</summary>
    public static Fp FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32)
    {
        var v = U256.FromLittleEndian(bytes32);
        if (!Montgomery<FpModulus>.IsCanonical(v))
        {
            throw new ZkFormatException("field element ≥ modulus");
        }

        return new(v);
    }

    /// <summary>From 32 big-endian bytes of the canonical value; rejects values ≥ modulus.</summary>
    public static Fp FromBigEndian(ReadOnlySpan<byte> bytes32)
    {
        Span<byte> le = stackalloc byte[32];
        bytes32[..32].CopyTo(le);
        le.Reverse();
        return FromLittleEndian(le);
    }

    public void WriteLittleEndian(Span<byte> bytes32) => Montgomery<FpModulus>.FromMontgomery(Mont).WriteLittleEndian(bytes32);

    public void WriteBigEndian(Span<byte> bytes32)
    {
        WriteLittleEndian(bytes32);
        bytes32[..32].Reverse();
    }

    /// <summary>The canonical value as 4 little-endian limbs (for scalar multiplication).</summary>
    internal U256 ToCanonical() => Montgomery<FpModulus>.FromMontgomery(Mont);

    public BigInteger ToBigInteger() => ToCanonical().ToBigInteger();

    /// <summary>Decimal, as snarkjs JSON writes field elements.</summary>
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    public bool Equals(Fp other) => Mont.Equals(other.Mont);

    public override bool Equals(object? obj) => obj is Fp o && Equals(o);

    public override int GetHashCode() => Mont.GetHashCode();

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
