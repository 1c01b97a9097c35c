using GovChain.Zkp.Bn254.G2;

namespace GovChain.Zkp.Bn254.Pairing;

/// <summary>
/// The Miller-loop lines of a fixed G2 point, computed once. Pairing it with any P then only evaluates the lines
/// at P, which is what makes a reused verifying key (γ, δ) cheap.
/// </summary>
internal sealed class G2Prepared
{
    public G2Prepared(in G2Affine q)
    {
        IsInfinity = q.IsInfinity;
        if (IsInfinity)
        {
            Lines = [];
            return;
        }

        var lines = new List<Line>(OptimalAte.LoopDigits.Length * 2);
        var negated = q.Negate();
        var t = new LineStep(q);
        foreach (var digit in OptimalAte.LoopDigits.AsSpan(1))
        {
            lines.Add(t.Double());
            if (digit != 0)
            {
                lines.Add(t.Add(digit > 0 ? q : negated));
            }
        }

        var q1 = Endomorphism.Psi(q);
        var q2 = Endomorphism.Psi(q1).Negate();
        lines.Add(t.Add(q1));
        lines.Add(t.Add(q2));
        Lines = [.. lines];
    }

    public bool IsInfinity { get; }

    /// <summary>In loop order: a doubling line per digit, an addition line (±Q) after each nonzero digit, then ψ(Q) and −ψ²(Q).</summary>
    public Line[] Lines { get; }
}
