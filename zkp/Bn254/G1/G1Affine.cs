using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254.G1;

/// <summary>A point of G1 ⊂ E(F_p): y² = x³ + 3, in affine coordinates. The cofactor is 1, so on-curve means in-group.</summary>
public readonly struct G1Affine : IEquatable<G1Affine>
{
    public static readonly Fp B = Fp.FromUInt64(3);

    public readonly Fp X;
    public readonly Fp Y;
    public readonly bool IsInfinity;

    private G1Affine(Fp x, Fp y, bool infinity)
    {
        X = x;
        Y = y;
        IsInfinity = infinity;
    }

    public static G1Affine Infinity => new(Fp.Zero, Fp.Zero, true);

    public static G1Affine Generator { get; } = new(Fp.One, Fp.FromUInt64(2), false);

    /// <summary>A finite point; throws when (x, y) is not on the curve.</summary>
    public static G1Affine Create(Fp x, Fp y)
    {
        var p = new G1Affine(x, y, false);
        if (!p.IsOnCurve)
        {
            throw new ZkFormatException("G1 point is not on the curve");
        }

        return p;
    }

    /// <summary>Without the curve check: only for values this library computed itself.</summary>
    internal static G1Affine CreateUnchecked(Fp x, Fp y) => new(x, y, false);

    public bool IsOnCurve => IsInfinity || Y.Square() == (X.Square() * X) + B;

    public G1Affine Negate() => IsInfinity ? this : new(X, -Y, false);

    public G1Jacobian ToJacobian() => IsInfinity ? G1Jacobian.Infinity : new(X, Y, Fp.One);

    public static bool operator ==(G1Affine a, G1Affine b) => a.Equals(b);

    public static bool operator !=(G1Affine a, G1Affine b) => !a.Equals(b);

    public bool Equals(G1Affine other) => IsInfinity ? other.IsInfinity : !other.IsInfinity && X == other.X && Y == other.Y;

    public override bool Equals(object? obj) => obj is G1Affine o && Equals(o);

    public override int GetHashCode() => IsInfinity ? 0 : HashCode.Combine(X, Y);

    public override string ToString() => IsInfinity ? "G1(∞)" : $"G1({X}, {Y})";
}
