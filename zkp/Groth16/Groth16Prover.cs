using System.Collections.Concurrent;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;
using GovChain.Zkp.Bn254.G2;

namespace GovChain.Zkp.Groth16;

/// <summary>
/// Groth16 proving against a snarkjs proving key. Like snarkjs, H is never divided out: the key's H query is built
/// for evaluations of A·B − C on the odd coset {ω₂ₙ·ωₙ^i}, where the vanishing polynomial is the constant −2.
/// </summary>
public static class Groth16Prover
{
    /// <summary>Twiddles and odd-coset shifts per domain size: the same few circuits are proved again and again.</summary>
    private static readonly ConcurrentDictionary<int, (Fft Fft, Fr[] Shifts)> Domains = new();

    /// <summary>Proves with fresh randomness; returns the proof and the public signals w[1..nPublic].</summary>
    public static (Proof Proof, Fr[] PublicSignals) Prove(ProvingKey key, ReadOnlySpan<Fr> witness) =>
        Prove(key, witness, Fr.Random(), Fr.Random());

    internal static (Proof Proof, Fr[] PublicSignals) Prove(ProvingKey key, ReadOnlySpan<Fr> witness, Fr r, Fr s)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (witness.Length != key.VariableCount)
        {
            throw new ZkFormatException($"witness has {witness.Length} values but the circuit has {key.VariableCount}");
        }

        if (!witness[0].IsOne)
        {
            throw new ZkFormatException("witness[0] must be the constant 1");
        }

        // The five MSMs are independent, and only the H one waits for the FFTs, so those overlap the other four.
        var w = witness.ToArray();
        G1Jacobian a = default, b1 = default, c = default, ch = default;
        G2Jacobian b2 = default;
        Parallel.Invoke(
            () => ch = G1Jacobian.MultiScalarMultiply(key.PointsH, QuotientEvaluations(key, w)),
            () => b2 = G2Jacobian.MultiScalarMultiply(key.PointsB2, w),
            () => a = G1Jacobian.MultiScalarMultiply(key.PointsA, w),
            () => b1 = G1Jacobian.MultiScalarMultiply(key.PointsB1, w),
            () => c = G1Jacobian.MultiScalarMultiply(key.PointsC, w.AsSpan(key.PublicInputCount + 1)));
        c += ch;

        var delta1 = key.Delta1.ToJacobian();
        var piA = a.AddMixed(key.Alpha1) + delta1.Multiply(r);
        var piB = b2.AddMixed(key.Beta2) + key.Delta2.ToJacobian().Multiply(s);
        var b1Full = b1.AddMixed(key.Beta1) + delta1.Multiply(s);
        var piC = c + piA.Multiply(s) + b1Full.Multiply(r) - delta1.Multiply(r * s);

        var proof = new Proof(piA.ToAffine(), piB.ToAffine(), piC.ToAffine());
        return (proof, w[1..(key.PublicInputCount + 1)]);
    }

    /// <summary>A·B − C evaluated on the odd coset, from the witness's evaluations on the constraint domain.</summary>
    private static Fr[] QuotientEvaluations(ProvingKey key, Fr[] witness)
    {
        var n = key.DomainSize;
        var a = new Fr[n];
        var b = new Fr[n];
        foreach (var coef in key.Coefficients)
        {
            var target = coef.IsB ? b : a;
            target[coef.Constraint] += coef.Value * witness[coef.Signal];
        }

        var c = new Fr[n];
        for (var i = 0; i < n; i++)
        {
            c[i] = a[i] * b[i];
        }

        var (fft, shifts) = Domains.GetOrAdd(n, size => (new Fft(size), Fft.Powers(new Fft(2 * size).Omega, size)));
        foreach (var values in (Fr[][])[a, b, c])
        {
            fft.Inverse(values);
            for (var i = 0; i < n; i++)
            {
                values[i] *= shifts[i];
            }

            fft.Forward(values);
        }

        for (var i = 0; i < n; i++)
        {
            a[i] = (a[i] * b[i]) - c[i];
        }

        return a;
    }
}
