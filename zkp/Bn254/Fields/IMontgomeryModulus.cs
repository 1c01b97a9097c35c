namespace GovChain.Zkp.Bn254.Fields;

/// <summary>
/// Constants of a 254-bit prime modulus for <see cref="Montgomery{TModulus}"/>. Implemented by empty structs so the
/// JIT specialises the arithmetic per modulus and folds the constants into the instructions.
/// </summary>
internal interface IMontgomeryModulus
{
    static abstract U256 Modulus { get; }

    /// <summary>The modulus limbs one by one: scalar constants inline where a struct-valued property would not.</summary>
    static abstract ulong P0 { get; }

    static abstract ulong P1 { get; }

    static abstract ulong P2 { get; }

    static abstract ulong P3 { get; }

    /// <summary>-Modulus^-1 mod 2^64.</summary>
    static abstract ulong NegInverse { get; }

    /// <summary>R^2 mod Modulus with R = 2^256; converts into Montgomery form.</summary>
    static abstract U256 RSquared { get; }

    /// <summary>R mod Modulus: one in Montgomery form.</summary>
    static abstract U256 ROne { get; }
}

internal readonly struct FpModulus : IMontgomeryModulus
{
    public static U256 Modulus => new(0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d, 0x30644e72e131a029);

    public static ulong P0 => 0x3c208c16d87cfd47;

    public static ulong P1 => 0x97816a916871ca8d;

    public static ulong P2 => 0xb85045b68181585d;

    public static ulong P3 => 0x30644e72e131a029;

    public static ulong NegInverse => 0x87d20782e4866389;

    public static U256 RSquared => new(0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f);

    public static U256 ROne => new(0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f);
}

internal readonly struct FrModulus : IMontgomeryModulus
{
    public static U256 Modulus => new(0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029);

    public static ulong P0 => 0x43e1f593f0000001;

    public static ulong P1 => 0x2833e84879b97091;

    public static ulong P2 => 0xb85045b68181585d;

    public static ulong P3 => 0x30644e72e131a029;

    public static ulong NegInverse => 0xc2e1f593efffffff;

    public static U256 RSquared => new(0x1bb8e645ae216da7, 0x53fe3ab1e35c59e3, 0x8c49833d53bb8085, 0x0216d0b17f4e44a5);

    public static U256 ROne => new(0xac96341c4ffffffb, 0x36fc76959f60cd29, 0x666ea36f7879462e, 0x0e0a77c19a07df2f);
}
