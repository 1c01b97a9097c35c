using System.Text.Json;
using System.Text.Json.Nodes;
using GovChain.Wallet.Documents;

namespace GovChain.Wallet.Store;

/// <summary>The consent log's plaintext: a JSON array of <see cref="ConsentLogEntry"/>, parsed strictly.</summary>
internal static class ConsentLogJson
{
    private const string What = "consent log";

    public static string Write(IEnumerable<ConsentLogEntry> entries) =>
        JsonFields.Write(new JsonArray([.. entries.Select(e => (JsonNode)new JsonObject
        {
            ["consentId"] = e.ConsentId,
            ["action"] = e.Action,
            ["bureau"] = e.Bureau,
            ["at"] = e.At,
            ["transactionHash"] = e.TransactionHash,
        })]));

    public static IReadOnlyList<ConsentLogEntry> Read(string json)
    {
        using var doc = JsonFields.Parse(json, What);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new WalletFormatException($"{What}: expected a JSON array");
        }

        return [.. doc.RootElement.EnumerateArray().Select((e, i) =>
        {
            var f = new JsonFields(e, $"{What}[{i}]", "consentId", "action", "bureau", "at", "transactionHash");
            return new ConsentLogEntry(f.String("consentId"), f.String("action"), f.String("bureau"), f.Int64("at"), f.String("transactionHash"));
        })];
    }
}
