using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using Shared = GovChain.Zkp.Bn254.Fields.MontgomeryField<GovChain.Zkp.Bn254.Fields.Fr, GovChain.Zkp.Bn254.Fields.FrModulus>;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>An element of the BN254 scalar field F_r: the field of circom signals and Groth16 scalars. Stored in Montgomery form; the shared code is in <see cref="MontgomeryField{TSelf, TModulus}"/>.</summary>
public readonly partial struct Fr : IMontgomeryField<Fr>
{
    internal readonly U256 Mont;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal Fr(U256 montgomery) => Mont = montgomery;

    public static Fr Zero => default;

    public static Fr One => new(FrModulus.ROne);

    /// <summary>The modulus as an integer.</summary>
    public static BigInteger Modulus => Shared.Modulus;

    public bool IsZero => Mont.IsZero;

    public bool IsOne => Mont.Equals(FrModulus.ROne);

    U256 IMontgomeryField<Fr>.Montgomery => Mont;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator +(in Fr a, in Fr b) => new(Montgomery<FrModulus>.Add(a.Mont, b.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator -(in Fr a, in Fr b) => new(Montgomery<FrModulus>.Sub(a.Mont, b.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator -(in Fr a) => new(Montgomery<FrModulus>.Negate(a.Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fr operator *(in Fr a, in Fr b) => new(Montgomery<FrModulus>.Mul(a.Mont, b.Mont));

    public static bool operator ==(Fr a, Fr b) => a.Equals(b);

    public static bool operator !=(Fr a, Fr b) => !a.Equals(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fr Square() => new(Montgomery<FrModulus>.Square(Mont));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fr Double() => new(Montgomery<FrModulus>.Double(Mont));

    /// <summary>The multiplicative inverse; zero maps to zero.</summary>
    public Fr Inverse() => new(Montgomery<FrModulus>.Inverse(Mont));

    public Fr Pow(BigInteger exponent) => Shared.Pow(this, exponent);

    /// <summary>Inverts every nonzero element in place with one field inversion (Montgomery's trick); zeros stay zero.</summary>
    public static void BatchInverse(Span<Fr> values) => FieldAlgorithms.BatchInverse(values);

    /// <summary>From an integer; values outside [0, modulus) are rejected.</summary>
    public static Fr FromBigInteger(BigInteger value) => Shared.FromBigInteger(value);

    public static Fr FromUInt64(ulong value) => Shared.FromUInt64(value);

    /// <summary>Parses a canonical decimal string as snarkjs writes it; rejects signs, junk and values ≥ modulus.</summary>
    public static Fr Parse(string decimalText) => Shared.Parse(decimalText);

    /// <summary>From 32 little-endian bytes of the canonical value; rejects values ≥ modulus.</summary>
    public static Fr FromLittleEndian(ReadOnlySpan<byte> bytes32) => Shared.FromLittleEndian(bytes32);

    /// <summary>From 32 little-endian bytes already in Montgomery form (as snarkjs .zkey stores them).</summary>
    public static Fr FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32) => Shared.FromMontgomeryLittleEndian(bytes32);

    /// <summary>From 32 big-endian bytes of the canonical value; rejects values ≥ modulus.</summary>
    public static Fr FromBigEndian(ReadOnlySpan<byte> bytes32) => Shared.FromBigEndian(bytes32);

    static Fr IMontgomeryField<Fr>.FromMontgomery(U256 montgomery) => new(montgomery);

    public void WriteLittleEndian(Span<byte> bytes32) => ToCanonical().WriteLittleEndian(bytes32);

    public void WriteBigEndian(Span<byte> bytes32) => Shared.WriteBigEndian(this, bytes32);

    /// <summary>The canonical value as 4 little-endian limbs (for scalar multiplication).</summary>
    internal U256 ToCanonical() => Montgomery<FrModulus>.FromMontgomery(Mont);

    public BigInteger ToBigInteger() => ToCanonical().ToBigInteger();

    /// <summary>Decimal, as snarkjs JSON writes field elements.</summary>
    public override string ToString() => ToBigInteger().ToString(CultureInfo.InvariantCulture);

    public bool Equals(Fr other) => Mont.Equals(other.Mont);

    public override bool Equals(object? obj) => obj is Fr o && Equals(o);

    public override int GetHashCode() => Mont.GetHashCode();
}
