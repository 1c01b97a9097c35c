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
            IsInSubgroup = true;
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

        // The loop has computed T = [6x+2]Q + ψ(Q) − ψ²(Q) on its way, which makes the subgroup test almost free.
        // On G2, ψ acts as p and 6x+2 + p − p² + p³ ≡ 0 mod r, so T = −ψ³(Q) = ψ(−ψ²(Q)). The rest of the twist
        // is cyclic of order 10069·5864401·1875725156269·ℓ (ℓ a 177-bit prime); on each of those parts ψ acts as a
        // root μ of μ² − tμ + p, and for none of the roots is 6x+2 + μ − μ² + μ³ zero there (G2PreparedTests checks
        // a point of each order), so a point with any component outside G2 ends elsewhere. An exceptional step
        // leaves T infinite and Scott's test decides.
        IsInSubgroup = t.IsFinite ? t.IsAt(Endomorphism.Psi(q2)) : q.IsInSubgroup;
    }

    public bool IsInfinity { get; }

    /// <summary>Whether Q is in the order-r subgroup (for a point that was only checked to be on the twist).</summary>
    public bool IsInSubgroup { get; }

    /// <summary>In loop order: a doubling line per digit, an addition line (±Q) after each nonzero digit, then ψ(Q) and −ψ²(Q).</summary>
    public Line[] Lines { get; }
}
