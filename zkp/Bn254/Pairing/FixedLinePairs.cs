using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;

namespace GovChain.Zkp.Bn254.Pairing;

/// <summary>
/// Two fixed G2 points whose Miller loops always run side by side (a verifying key's γ and δ). The product of their
/// lines at a step, evaluated at P1 and P2, is (a0·y1 + a1·x1·w + a2·w³)(b0·y2 + b1·x2·w + b2·w³); its coefficients
/// are the fixed products aᵢ·bⱼ times products of coordinates, so with the aᵢ·bⱼ computed once a step costs eight
/// F_p²×F_p products instead of two line evaluations and a six-product <see cref="Fp12.MulLines"/>.
/// </summary>
internal sealed class FixedLinePairs
{
    private const int PerLine = 9;

    /// <summary>Per line: a0b0, ξ·a2b2, a1b1, a0b1, a1b0, a0b2, a2b0, a1b2, a2b1.</summary>
    private readonly Fp2[] products;

    public FixedLinePairs(G2Prepared a, G2Prepared b)
    {
        if (a.IsInfinity || b.IsInfinity)
        {
            throw new ArgumentException("both points must be finite");
        }

        products = new Fp2[a.Lines.Length * PerLine];
        for (var i = 0; i < a.Lines.Length; i++)
        {
            var (x, y) = (a.Lines[i], b.Lines[i]);
            var k = products.AsSpan(i * PerLine, PerLine);
            k[0] = x.R0 * y.R0;
            k[1] = (x.R2 * y.R2).MulByXi();
            k[2] = x.R1 * y.R1;
            k[3] = x.R0 * y.R1;
            k[4] = x.R1 * y.R0;
            k[5] = x.R0 * y.R2;
            k[6] = x.R2 * y.R0;
            k[7] = x.R1 * y.R2;
            k[8] = x.R2 * y.R1;
        }
    }

    /// <summary>
    /// Line <paramref name="index"/> of the first point at p1 times that of the second at p2, in the shape of
    /// <see cref="Fp12.MulLines"/> (zero w⁵ coefficient).
    /// </summary>
    public Fp12 Product(int index, in Points at)
    {
        var k = products.AsSpan(index * PerLine, PerLine);
        var w0 = k[1] + (k[0] * at.Y1Y2);
        var w1 = (k[3] * at.Y1X2) + (k[4] * at.X1Y2);
        var w2 = k[2] * at.X1X2;
        var w3 = (k[5] * at.P1.Y) + (k[6] * at.P2.Y);
        var w4 = (k[7] * at.P1.X) + (k[8] * at.P2.X);
        return new(new Fp6(w0, w2, w4), new Fp6(w1, w3, Fp2.Zero));
    }

    /// <summary>The two finite G1 points and the products of their coordinates, computed once per Miller loop.</summary>
    internal readonly struct Points(in G1Affine p1, in G1Affine p2)
    {
        public readonly G1Affine P1 = p1, P2 = p2;
        public readonly Fp Y1Y2 = p1.Y * p2.Y, Y1X2 = p1.Y * p2.X, X1Y2 = p1.X * p2.Y, X1X2 = p1.X * p2.X;
    }
}
