using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Bn254.G1;

namespace GovChain.Zkp.Groth16;

/// <summary>
/// IC[0] + Σ xᵢ·IC[i+1] for one verifying key. The first verification multiplies each IC point directly; from the
/// second on the key is evidently being reused, so fixed-base tables (built once, about 200 KB per IC point) replace
/// the 254 doublings of every multiplication. A key parsed for a single check never pays for the tables.
/// </summary>
internal sealed class PublicInputCommitment(IReadOnlyList<G1Affine> ic)
{
    private const int UsesBeforeTables = 2;

    /// <summary>Keys with more public inputs than this keep the variable-base path (bounded memory per cached key).</summary>
    private const int MaxTabledInputs = 32;

    private int uses;
    private G1FixedBaseTable[]? tables;

    public G1Affine Compute(ReadOnlySpan<Fr> inputs)
    {
        var fixedBase = Volatile.Read(ref tables);
        if (fixedBase is null && inputs.Length <= MaxTabledInputs && Interlocked.Increment(ref uses) >= UsesBeforeTables)
        {
            fixedBase = LazyInitializer.EnsureInitialized(ref tables, () => [.. ic.Skip(1).Select(p => new G1FixedBaseTable(p))]);
        }

        var acc = ic[0].ToJacobian();
        for (var i = 0; i < inputs.Length; i++)
        {
            acc = fixedBase is null
                ? acc + ic[i + 1].ToJacobian().Multiply(inputs[i])
                : fixedBase[i].AddMultiple(acc, inputs[i].ToCanonical());
        }

        return acc.ToAffine();
    }
}
