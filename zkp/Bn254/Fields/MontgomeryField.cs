using System.Globalization;
using System.Numerics;

namespace GovChain.Zkp.Bn254.Fields;

/// <summary>A prime field stored as one Montgomery-form <see cref="U256"/> (Fp and Fr).</summary>
internal interface IMontgomeryField<TSelf> : IField<TSelf>
    where TSelf : struct, IMontgomeryField<TSelf>
{
    U256 Montgomery { get; }

    static abstract TSelf FromMontgomery(U256 montgomery);
}

/// <summary>
/// Conversions and exponentiation written once for Fp and Fr, which differ only in the modulus; each field's public
/// members forward here. Every reader rejects values ≥ the modulus.
/// </summary>
internal static class MontgomeryField<TSelf, TModulus>
    where TSelf : struct, IMontgomeryField<TSelf>
    where TModulus : struct, IMontgomeryModulus
{
    public static BigInteger Modulus { get; } = TModulus.Modulus.ToBigInteger();

    public static TSelf Pow(in TSelf value, BigInteger exponent)
    {
        if (exponent.Sign < 0)
        {
            return Pow(value.Inverse(), -exponent);
        }

        var result = TSelf.One;
        for (var i = (int)exponent.GetBitLength() - 1; i >= 0; i--)
        {
            result = result.Square();
            if (!(exponent >> i).IsEven)
            {
                result *= value;
            }
        }

        return result;
    }

    public static TSelf FromBigInteger(BigInteger value)
    {
        if (value.Sign < 0 || value >= Modulus)
        {
            throw new ZkFormatException($"field element out of range [0, modulus): {value}");
        }

        return TSelf.FromMontgomery(Montgomery<TModulus>.ToMontgomery(U256.FromBigInteger(value)));
    }

    public static TSelf FromUInt64(ulong value) => TSelf.FromMontgomery(Montgomery<TModulus>.ToMontgomery(new U256(value, 0, 0, 0)));

    public static TSelf Parse(string decimalText)
    {
        ArgumentNullException.ThrowIfNull(decimalText);
        if (decimalText.Length == 0 || decimalText.Length > 80 || !decimalText.All(char.IsAsciiDigit))
        {
            var shown = decimalText.Length <= 40 ? decimalText : decimalText[..40] + "…";
            throw new ZkFormatException($"not a decimal field element: '{shown}'");
        }

        return FromBigInteger(BigInteger.Parse(decimalText, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    public static TSelf FromLittleEndian(ReadOnlySpan<byte> bytes32) =>
        TSelf.FromMontgomery(Montgomery<TModulus>.ToMontgomery(ReadCanonical(bytes32)));

    public static TSelf FromMontgomeryLittleEndian(ReadOnlySpan<byte> bytes32) => TSelf.FromMontgomery(ReadCanonical(bytes32));

    public static TSelf FromBigEndian(ReadOnlySpan<byte> bytes32)
    {
        Span<byte> le = stackalloc byte[32];
        bytes32[..32].CopyTo(le);
        le.Reverse();
        return FromLittleEndian(le);
    }

    public static void WriteBigEndian(in TSelf value, Span<byte> bytes32)
    {
        Montgomery<TModulus>.FromMontgomery(value.Montgomery).WriteLittleEndian(bytes32);
        bytes32[..32].Reverse();
    }

    private static U256 ReadCanonical(ReadOnlySpan<byte> bytes32)
    {
        var v = U256.FromLittleEndian(bytes32);
        return Montgomery<TModulus>.IsCanonical(v) ? v : throw new ZkFormatException("field element ≥ modulus");
    }
}
