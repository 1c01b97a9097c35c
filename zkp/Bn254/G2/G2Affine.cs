using System.Numerics;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G2;

/// <summary>
/// A point of the sextic twist E'(F_p²): y² = x³ + 3/ξ, in affine coordinates. Unlike G1, the twist has a large
/// cofactor, so points from outside must pass <see cref="IsInSubgroup"/> as well as the curve check.
/// </summary>
public readonly struct G2Affine : IEquatable<G2Affine>
{
    public static readonly Fp2 B = Fp2.Xi.Inverse() * Fp.FromUInt64(3);

    private static readonly BigInteger XAsScalar = new(Bn254Parameters.X);

    public readonly Fp2 X;
    public readonly Fp2 Y;
    public readonly bool IsInfinity;

    private G2Affine(Fp2 x, Fp2 y, bool infinity)
    {
        X = x;
        Y = y;
        IsInfinity = infinity;
    }

    public static G2Affine Infinity => new(Fp2.Zero, Fp2.Zero, true);

    /// <summary>The generator used by snarkjs, Ethereum's precompile and gnark.</summary>
    public static G2Affine Generator { get; } = new(
        new Fp2(
            Fp.Parse("10857046999023057135944570762232829481370756359578518086990519993285655852781"),
            Fp.Parse("11559732032986387107991004021392285783925812861821192530917403151452391805634")),
        new Fp2(
            Fp.Parse("8495653923123431417604973247489272438418190587263600148770280649306958101930"),
            Fp.Parse("4082367875863433681332203403145435568316851327593401208105741076214120093531")),
        false);

    /// <summary>A finite point; throws when (x, y) is off the twist or outside the order-r subgroup.</summary>
    public static G2Affine Create(Fp2 x, Fp2 y)
    {
        var p = new G2Affine(x, y, false);
        if (!p.IsOnCurve)
        {
            throw new ZkFormatException("G2 point is not on the curve");
        }

        if (!p.IsInSubgroup)
        {
            throw new ZkFormatException("G2 point is not in the order-r subgroup");
        }

        return p;
    }

    /// <summary>Checks only the curve equation: for tests that need points outside the subgroup.</summary>
    internal static G2Affine CreateOnCurveOnly(Fp2 x, Fp2 y)
    {
        var p = new G2Affine(x, y, false);
        return p.IsOnCurve ? p : throw new ZkFormatException("G2 point is not on the curve");
    }

    internal static G2Affine CreateUnchecked(Fp2 x, Fp2 y) => new(x, y, false);

    public bool IsOnCurve => IsInfinity || Y.Square() == (X.Square() * X) + B;

    /// <summary>
    /// Scott's test for BN curves: Q is in the order-r subgroup exactly when [x+1]Q + ψ([x]Q) + ψ²([x]Q) = ψ³([2x]Q).
    /// One 63-bit multiplication instead of the 254-bit [r]Q.
    /// </summary>
    public bool IsInSubgroup
    {
        get
        {
            if (IsInfinity)
            {
                return true;
            }

            // All in Jacobian coordinates: ψ needs no affine input, which saves two field inversions.
            var xq = ToJacobian().Multiply(XAsScalar);
            var psiXq = Endomorphism.Psi(xq);
            var left = xq.AddMixed(this) + psiXq + Endomorphism.Psi(psiXq);
            var right = Endomorphism.Psi(Endomorphism.Psi(Endomorphism.Psi(xq.Double())));
            return left == right;
        }
    }

    public G2Affine Negate() => IsInfinity ? this : new(X, -Y, false);

    public G2Jacobian ToJacobian() => IsInfinity ? G2Jacobian.Infinity : new(X, Y, Fp2.One);

    public static bool operator ==(G2Affine a, G2Affine b) => a.Equals(b);

    public static bool operator !=(G2Affine a, G2Affine b) => !a.Equals(b);

    public bool Equals(G2Affine other) => IsInfinity ? other.IsInfinity : !other.IsInfinity && X == other.X && Y == other.Y;

    public override bool Equals(object? obj) => obj is G2Affine o && Equals(o);

    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);

    public override string ToString() => IsInfinity ? "G2(∞)" : $"G2({X}, {Y})";
}
