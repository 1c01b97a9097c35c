using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Shared = GovChain.Zkp.Bn254.Fields.MontgomeryField<GovChain.Zkp.Bn254.Fields.Fp, GovChain.Zkp.Bn254.Fields.FpModulus>;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>An element of the BN254 base field F_p (p ≈ 2^254). Stored in Montgomery form; the shared code is in <see cref="MontgomeryField{TSelf, TModulus}"/>.</summary>
public readonly partial struct Fp : IMontgomeryField<Fp>
{
    internal readonly U256 Mont;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fp(U256 montgomery) => Mont = montgomery;

    public static Fp Zero => default;

    public static Fp One => new(FpModulus.ROne);

    /// <summary>The modulus as an integer.</summary>
    public static BigInteger Modulus => Shared.Modulus;

    public bool IsZero => Mont.IsZero;

    public bool IsOne => Mont.Equals(FpModulus.ROne);

    U256 IMontgomeryField<Fp>.Montgomery => Mont;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator +(in Fp a, in Fp b) => new(Montgomery<FpModulus>.Add(a.Mont, b.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(in Fp a, in Fp b) => new(Montgomery<FpModulus>.Sub(a.Mont, b.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator -(in Fp a) => new(Montgomery<FpModulus>.Negate(a.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp operator *(in Fp a, in Fp b) => new(Montgomery<FpModulus>.Mul(a.Mont, b.Mont));

    /// <summary>a + b left in [0, 2p): only ever a multiplication operand (Montgomery multiplication accepts it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fp AddLazy(in Fp a, in Fp b) => new(Montgomery<FpModulus>.AddUnreduced(a.Mont, b.Mont));

    /// <summary>a − b + p in (0, 2p): only ever a multiplication operand.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fp SubLazy(in Fp a, in Fp b) => new(Montgomery<FpModulus>.SubUnreduced(a.Mont, b.Mont));

    public static bool operator ==(Fp a, Fp b) => a.Equals(b);

    public static bool operator !=(Fp a, Fp b) => !a.Equals(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp Square() => new(Montgomery<FpModulus>.Square(Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp Double() => new(Montgomery<FpModulus>.Double(Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fp Half() => new(Montgomery<FpModulus>.Half(Mont));

    /// <summary>9a + b, or 9a − b when <paramref name="subtract"/>: the two halves of a product by ξ = 9 + u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Fp NineTimesPlus(in Fp a, in Fp b, bool subtract) => new(Montgomery<FpModulus>.NineTimesPlus(a.Mont, b.Mont, subtract));

    /// <summary>The multiplicative inverse; zero maps to zero.</summary>
    public Fp Inverse() => new(Montgomery<FpModulus>.Inverse(Mont));

    public Fp Pow(BigInteger exponent) => Shared.Pow(this, exponent);

    /// <summary>Inverts every nonzero element in place with one field inversion (Montgomery's trick); zeros stay zero.</summary>
    public static void BatchInverse(Span<Fp> values) => FieldAlgorithms.BatchInverse(values);

    /// <summary>From an integer; values outside [0, modulus) are rejected.</summary>
    public static Fp FromBigInteger(BigInteger value) => Shared.FromBigInteger(value);

    public static Fp FromUInt64(ulong value) => Shared.FromUInt64(value);

    /// <summary>Parses a canonical decimal string as snarkjs writes it; rejects signs, junk and values ≥ modulus.</summary>
    public static Fp Parse(string decimalText) => Shared.Parse(decimalText);

    /// <summary>From 32 little-endian bytes of the canonical value; rejects values ≥ modulus.</summary>
    public static Fp FromLittleEndian(ReadOnlySpan<byte> bytes32) => Shared.FromLittleEndian(bytes32);

    /// <summary>From 32 little-endian bytes already in Montgomery form (as snarkjs .zkey stores them).</summary>
    public static Fp FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32) => Shared.FromMontgomeryLittleEndian(bytes32);

    /// <summary>From 32 big-endian bytes of the canonical value; rejects values ≥ modulus.</summary>
    public static Fp FromBigEndian(ReadOnlySpan<byte> bytes32) => Shared.FromBigEndian(bytes32);

    static Fp IMontgomeryField<Fp>.FromMontgomery(U256 montgomery) => new(montgomery);

    public void WriteLittleEndian(Span<byte> bytes32) => ToCanonical().WriteLittleEndian(bytes32);

    public void WriteBigEndian(Span<byte> bytes32) => Shared.WriteBigEndian(this, bytes32);

    /// <summary>The canonical value as 4 little-endian limbs (for scalar multiplication).</summary>
    internal U256 ToCanonical() => Montgomery<FpModulus>.FromMontgomery(Mont);

    public BigInteger ToBigInteger() => ToCanonical().ToBigInteger();

    /// <summary>Decimal, as snarkjs JSON writes field elements.</summary>
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    public bool Equals(Fp other) => Mont.Equals(other.Mont);

    public override bool Equals(object? obj) => obj is Fp o && Equals(o);

    public override int GetHashCode() => Mont.GetHashCode();
}
