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
    internal static Fp12 MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Prepared> qs) => MillerLoop(ps, qs, null, default);

    /// <summary>
    /// The same product, times the two pairs of <paramref name="fixedPairs"/> with the finite points
    /// <paramref name="at"/>, whose lines come multiplied two at a time from precomputed coefficient products.
    /// </summary>
    internal static Fp12 MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Prepared> qs, FixedLinePairs? fixedPairs, in FixedLinePairs.Points at)
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

        // The line values of one step, every pair's, so they can be multiplied into f two at a time.
        var values = new Line[2 * active.Count];
        // f stays exactly 1 until the first line arrives, so the first step neither squares nor multiplies into it.
        var f = Fp12.One;
        var fIsOne = true;
        var next = 0;
        for (var i = 1; i < LoopDigits.Length; i++)
        {
            var count = LoopDigits[i] != 0 ? 2 : 1;
            var n = 0;
            foreach (var (p, lines) in active)
            {
                for (var k = 0; k < count; k++)
                {
                    values[n++] = Evaluate(lines[next + k], p);
                }
            }

            if (!fIsOne)
            {
                f = f.Square();
            }

            f = MulFixed(f, fixedPairs, at, next, count, ref fIsOne);
            f = MulLines(f, values.AsSpan(0, n), ref fIsOne);
            next += count;
        }

        var last = 0;
        foreach (var (p, lines) in active)
        {
            values[last++] = Evaluate(lines[next], p);
            values[last++] = Evaluate(lines[next + 1], p);
        }

        f = MulFixed(f, fixedPairs, at, next, 2, ref fIsOne);
        return MulLines(f, values.AsSpan(0, last), ref fIsOne);
    }

    /// <summary>f times the fixed pairs' products for lines first…first+count−1 (a product simply replaces an f of 1).</summary>
    private static Fp12 MulFixed(Fp12 f, FixedLinePairs? fixedPairs, in FixedLinePairs.Points at, int first, int count, ref bool fIsOne)
    {
        if (fixedPairs is not null)
        {
            for (var k = 0; k < count; k++)
            {
                var product = fixedPairs.Product(first + k, at);
                f = fIsOne ? product : f.MulBy01234(product);
                fIsOne = false;
            }
        }

        return f;
    }

    /// <summary>A line's value at P = (x, y): the sparse F_p¹² element l0 + l3·w + l4·w³ as (l0, l3, l4).</summary>
    private static Line Evaluate(in Line line, in G1Affine p) => new(line.R0 * p.Y, line.R1 * p.X, line.R2);

    /// <summary>
    /// f times the line values, multiplied together in pairs first: a pair costs 6 + 17 F_p² products against
    /// 2 × 13 one at a time. A product or line simply replaces an f of 1.
    /// </summary>
    private static Fp12 MulLines(Fp12 f, ReadOnlySpan<Line> values, ref bool fIsOne)
    {
        var k = 0;
        for (; k + 1 < values.Length; k += 2)
        {
            var (a, b) = (values[k], values[k + 1]);
            var product = Fp12.MulLines(a.R0, a.R1, a.R2, b.R0, b.R1, b.R2);
            f = fIsOne ? product : f.MulBy01234(product);
            fIsOne = false;
        }

        if (k < values.Length)
        {
            var a = values[k];
            f = fIsOne ? new Fp12(new Fp6(a.R0, Fp2.Zero, Fp2.Zero), new Fp6(a.R1, a.R2, Fp2.Zero)) : f.MulBy034(a.R0, a.R1, a.R2);
            fIsOne = false;
        }

        return f;
    }
}
