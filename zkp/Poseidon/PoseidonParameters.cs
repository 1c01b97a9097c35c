using System.Globalization;
using System.Numerics;
using System.Text.Json;
using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Poseidon;

/// <summary>Round constants and MDS matrix for one state width t, as circomlib defines them.</summary>
internal sealed class PoseidonParameters
{
    private static readonly Lazy<PoseidonParameters[]> All = new(Load);

    private PoseidonParameters(int t, int fullRounds, int partialRounds, Fr[] roundConstants, Fr[][] mds)
    {
        T = t;
        FullRounds = fullRounds;
        PartialRounds = partialRounds;
        RoundConstants = roundConstants;
        Mds = mds;
    }

    public int T { get; }

    public int FullRounds { get; }

    public int PartialRounds { get; }

    /// <summary>(FullRounds + PartialRounds)·T constants, T per round.</summary>
    public Fr[] RoundConstants { get; }

    public Fr[][] Mds { get; }

    public static PoseidonParameters ForWidth(int t) => All.Value.FirstOrDefault(p => p.T == t)
        ?? throw new ArgumentOutOfRangeException(nameof(t), $"no Poseidon parameters for width {t}");

    private static PoseidonParameters[] Load()
    {
        using var stream = typeof(PoseidonParameters).Assembly.GetManifestResourceStream("GovChain.Zkp.Poseidon.constants.json")
            ?? throw new InvalidOperationException("Poseidon constants resource is missing from the assembly");
        using var doc = JsonDocument.Parse(stream);
        return [.. doc.RootElement.GetProperty("widths").EnumerateArray().Select(w =>
        {
            var t = w.GetProperty("t").GetInt32();
            var full = w.GetProperty("fullRounds").GetInt32();
            var partial = w.GetProperty("partialRounds").GetInt32();
            var c = w.GetProperty("C").EnumerateArray().Select(ParseHex).ToArray();
            var m = w.GetProperty("M").EnumerateArray().Select(row => row.EnumerateArray().Select(ParseHex).ToArray()).ToArray();
            if (c.Length != (full + partial) * t || m.Length != t || m.Any(row => row.Length != t))
            {
                throw new InvalidOperationException($"Poseidon constants for t={t} have the wrong shape");
            }

            return new PoseidonParameters(t, full, partial, c, m);
        })];
    }

    private static Fr ParseHex(JsonElement e) =>
        Fr.FromBigInteger(BigInteger.Parse("0" + e.GetString()![2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
}
