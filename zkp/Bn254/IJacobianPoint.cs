namespace GovChain.Zkp.Bn254;

/// <summary>The group operations that scalar multiplication and MSM need, shared by G1 and G2.</summary>
internal interface IJacobianPoint<TSelf, TAffine>
    where TSelf : struct, IJacobianPoint<TSelf, TAffine>
    where TAffine : struct
{
    static abstract TSelf Infinity { get; }

    bool IsInfinity { get; }

    TSelf Add(in TSelf other);

    TSelf AddMixed(in TAffine other);

    /// <summary>this − other for an affine point (signed-digit MSM windows).</summary>
    TSelf SubtractMixed(in TAffine other);

    TSelf Double();

    TSelf Negate();
}
