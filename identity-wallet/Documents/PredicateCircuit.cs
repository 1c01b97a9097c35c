using System.Globalization;
using System.Text.Json.Nodes;

namespace GovChain.Wallet.Documents;

/// <summary>
/// Per-predicate knowledge: the statement checked in the clear (so a false one fails with a clear reason before any
/// proving work) and the circom input JSON with each circuit's signal names.
/// </summary>
internal static class PredicateCircuit
{
    /// <summary>minAge is range-checked to 16 bits inside age_at_least.</summary>
    private const ulong MaxMinAge = ushort.MaxValue;

    /// <summary>Null when the attributes satisfy the request, otherwise why not.</summary>
    public static string? Unsatisfied(IReadOnlyList<ulong> attributes, PredicateRequest request)
    {
        var p = request.Parameters;
        return request.Predicate switch
        {
            CredentialSchema.ScoreAtLeast => attributes[0] >= p["threshold"] ? null : $"the score {attributes[0]} is below the threshold {p["threshold"]}",
            CredentialSchema.AgeAtLeast => AgeUnsatisfied(attributes[0], p["today"], p["min_age"]),
            CredentialSchema.ValueAtMost => attributes[0] <= p["maximum"] ? null : $"the value {attributes[0]} is above the maximum {p["maximum"]}",
            CredentialSchema.FlagIsZero => attributes[0] == 0 ? null : "the flag is set",
            var other => throw new WalletFormatException($"unknown predicate '{other}'"),
        };
    }

    public static string Input(IReadOnlyList<ulong> attributes, string salt, string commitment, PredicateRequest request)
    {
        var input = new JsonObject();
        if (request.Predicate == CredentialSchema.ScoreAtLeast)
        {
            input["attributes"] = new JsonArray([.. attributes.Select(a => (JsonNode)Text(a))]);
        }
        else
        {
            input[request.Predicate switch
            {
                CredentialSchema.AgeAtLeast => "birthDate",
                CredentialSchema.ValueAtMost => "value",
                _ => "flag",
            }] = Text(attributes[0]);
        }

        input["salt"] = salt;
        input["commitment"] = commitment;
        foreach (var (name, value) in request.Parameters)
        {
            input[SignalName(name)] = Text(value);
        }

        return input.ToJsonString();
    }

    private static string? AgeUnsatisfied(ulong birthDate, ulong today, ulong minAge)
    {
        if (!CredentialSchema.IsDate(today))
        {
            throw new WalletFormatException($"today {today} is not a YYYYMMDD date");
        }

        if (minAge > MaxMinAge)
        {
            throw new WalletFormatException($"min_age {minAge} is above {MaxMinAge}");
        }

        return birthDate + (minAge * 10000) <= today ? null : $"born {birthDate}, the holder is not {minAge} years old on {today}";
    }

    private static string SignalName(string parameter) => parameter == "min_age" ? "minAge" : parameter;

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
