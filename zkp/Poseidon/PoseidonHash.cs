using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Poseidon;

/// <summary>
/// Poseidon over BN254's scalar field, bit-for-bit as circomlib's Poseidon(n) template and circomlibjs's
/// poseidon(): state [0, inputs…] of width t = n + 1, x⁵ S-boxes (all lanes in the 4 + 4 full rounds, lane 0 in the
/// partial rounds), round constants added before and the MDS matrix applied after every S-box layer.
/// </summary>
public static class PoseidonHash
{
    public const int MaxInputs = 6;

    public static Fr Hash(ReadOnlySpan<Fr> inputs)
    {
        if (inputs.Length is < 1 or > MaxInputs)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), $"Poseidon takes 1 to {MaxInputs} inputs");
        }

        var p = PoseidonParameters.ForWidth(inputs.Length + 1);
        var t = p.T;
        Span<Fr> state = stackalloc Fr[t];
        Span<Fr> next = stackalloc Fr[t];
        state[0] = Fr.Zero;
        inputs.CopyTo(state[1..]);

        var rounds = p.FullRounds + p.PartialRounds;
        var half = p.FullRounds / 2;
        for (var r = 0; r < rounds; r++)
        {
            var constants = p.RoundConstants.AsSpan(r * t, t);
            for (var i = 0; i < t; i++)
            {
                state[i] += constants[i];
            }

            if (r < half || r >= half + p.PartialRounds)
            {
                for (var i = 0; i < t; i++)
                {
                    state[i] = Pow5(state[i]);
                }
            }
            else
            {
                state[0] = Pow5(state[0]);
            }

            for (var i = 0; i < t; i++)
            {
                var row = p.Mds[i];
                var acc = Fr.Zero;
                for (var j = 0; j < t; j++)
                {
                    acc += row[j] * state[j];
                }

                next[i] = acc;
            }

            next.CopyTo(state);
        }

        return state[0];
    }

    private static Fr Pow5(Fr x)
    {
        var x2 = x.Square();
        return x2.Square() * x;
    }
}
