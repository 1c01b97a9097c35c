namespace GovChain.Zkp.Bn254;

/// <summary>The group operations that scalar multiplication and MSM need, shared by G1 and G2.</summary>
internal interface IJacobianPoint<TSelf, TAffine, TField>
    where TSelf : struct, IJacobianPoint<TSelf, TAffine, TField>
    where TAffine : struct
    where TField : struct, Fields.IField<TField>
{
    static abstract TSelf Infinity { get; }

    bool IsInfinity { get; }

    TSelf Add(in TSelf other);

    TSelf AddMixed(in TAffine other);

    /// <summary>this − other for an affine point (signed-digit MSM windows).</summary>
    TSelf SubtractMixed(in TAffine other);

    TSelf Double();

    TSelf Negate();

    /// <summary>The coordinates of a finite affine point; false for infinity. Batch-affine MSM works on them directly.</summary>
    static abstract bool TryGetCoordinates(in TAffine point, out TField x, out TField y);

    static abstract TSelf FromCoordinates(in JacobianPoint<TField> point);
}
