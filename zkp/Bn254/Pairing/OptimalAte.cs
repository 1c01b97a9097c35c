using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;

namespace GovChain.Zkp.Bn254.Pairing;

/// <summary>The optimal-ate pairing e: G1 × G2 → μ_r ⊂ F_p¹², and products of pairings with one final exponentiation.</summary>
public static class OptimalAte
{
    /// <summary>
    /// 6x + 2 in non-adjacent form, most significant digit first: 22 nonzero digits instead of 37 set bits, so
    /// fewer addition steps. Adding −Q instead of Q only changes vertical-line factors, which the final
    /// exponentiation erases.
    /// </summary>
    internal static readonly sbyte[] LoopDigits = NonAdjacentForm.Of(Bn254Parameters.AteLoopCount);

    /// <summary>e(P, Q).</summary>
    public static Fp12 Pair(in G1Affine p, in G2Affine q) => FinalExponentiation.Apply(MillerLoop([p], [new G2Prepared(q)]));

    /// <summary>Π e(Pᵢ, Qᵢ), sharing the squarings of the Miller loop and the final exponentiation.</summary>
    public static Fp12 MultiPair(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Affine> qs)
    {
        var prepared = new G2Prepared[qs.Length];
        for (var i = 0; i < qs.Length; i++)
        {
            prepared[i] = new G2Prepared(qs[i]);
        }

        return FinalExponentiation.Apply(MillerLoop(ps, prepared));
    }

    /// <summary>True when Π e(Pᵢ, Qᵢ) = 1, the form every Groth16 check takes.</summary>
    public static bool ProductIsOne(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Affine> qs) => MultiPair(ps, qs).IsOne;

    /// <summary>
    /// Π f_{6x+2,Qᵢ}(Pᵢ) · l_{T,ψ(Qᵢ)}(Pᵢ) · l_{T,−ψ²(Qᵢ)}(Pᵢ), before the final exponentiation. Pairs with a point at
    /// infinity contribute 1 and are skipped.
    /// </summary>
    internal static Fp12 MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Prepared> qs)
    {
        if (ps.Length != qs.Length)
        {
            throw new ArgumentException("G1 and G2 inputs differ in length");
        }

        var active = new List<(G1Affine P, Line[] Lines)>(ps.Length);
        for (var i = 0; i < ps.Length; i++)
        {
            if (!ps[i].IsInfinity && !qs[i].IsInfinity)
            {
                active.Add((ps[i], qs[i].Lines));
            }
        }

        var f = Fp12.One;
        var next = 0;
        for (var i = 1; i < LoopDigits.Length; i++)
        {
            if (i != 1)
            {
                f = f.Square();
            }

            var count = LoopDigits[i] != 0 ? 2 : 1;
            foreach (var (p, lines) in active)
            {
                for (var k = 0; k < count; k++)
                {
                    f = Evaluate(f, lines[next + k], p);
                }
            }

            next += count;
        }

        foreach (var (p, lines) in active)
        {
            f = Evaluate(f, lines[next], p);
            f = Evaluate(f, lines[next + 1], p);
        }

        return f;
    }

    private static Fp12 Evaluate(in Fp12 f, in Line line, in G1Affine p) => f.MulBy034(line.R0 * p.Y, line.R1 * p.X, line.R2);
}
