using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GovChain.CreditService.Client;
using GovChain.CreditService.Data;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Protos;
using GovChain.He;
using GovChain.Ledger.Application;
using GovChain.Wallet.Documents;
using Google.Protobuf;
using Grpc.Core;

namespace GovChain.Cli.Demo;

/// <summary>
/// Consent and encrypted scoring. Subjects grant bureau-1 consent for the categories of a scoring model; the bureau
/// uploads its BFV keys once, then for each subject sends its model weights encrypted; the taxation agency scores them
/// against the subject's features without seeing the weights, and only the bureau can decrypt the score, which must
/// equal the same inner product computed in the clear. Then the refusals: a subject who never consented, a consent too
/// narrow for the model, and a revoked consent are each denied for their own reason, and recorded.
/// </summary>
internal static class ConsentQueryStage
{
    private const string Stage = "consent and encrypted scoring";
    private static readonly ModelRegistry Models = ModelRegistry.CreateDefault();

    public static async Task RunAsync(DemoContext demo)
    {
        var subjects = demo.Population.Subjects.ToList();
        var neverConsented = demo.Citizens.Last();
        var narrow = demo.Citizens.SkipLast(1).Last();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var granted = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(subjects.Where(s => s.Id != neverConsented.Id), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (subject, cancel) =>
        {
            IReadOnlyList<string> categories = subject.Id == narrow.Id ? ["tax"] : Model(subject).Categories;
            await GrantAsync(demo, subject.Id, categories, now, cancel);
            granted.Add(subject.Id);
        });
        demo.Report.Add(Stage, "subjects grant bureau-1 consent (wallet-signed, 90 days, important data)", granted.Count == subjects.Count - 1,
            $"{granted.Count} consents; {narrow.Id} consents to tax data only; {neverConsented.Id} never consents");

        var clock = Stopwatch.StartNew();
        var keys = BureauScoringKeys.Generate(EncryptionParameters.BfvDefault(8192));
        var bureau = demo.Client(demo.Taxation, DemoContext.Bureau);
        var keyId = (await bureau.Queries.RegisterKeysAsync(new RegisterKeysRequest
        {
            Parameters = ByteString.CopyFrom(keys.ParametersBlob), PublicKey = ByteString.CopyFrom(keys.PublicKeyBlob), GaloisKeys = ByteString.CopyFrom(keys.GaloisKeysBlob),
        })).KeyId;
        demo.Report.Add(Stage, "bureau-1 uploads its BFV keys once (n = 8192, SEAL 4.1 format)", true,
            $"key id {keyId[..16]}…, Galois keys {keys.GaloisKeysBlob.Length / 1024} KiB (zstd), {clock.ElapsedMilliseconds} ms");

        var scored = new ConcurrentBag<(string Subject, bool Match, long Millis)>();
        var consenting = subjects.Where(s => s.Id != neverConsented.Id && s.Id != narrow.Id).ToList();
        clock.Restart();
        await Parallel.ForEachAsync(consenting, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (subject, cancel) =>
        {
            var started = Stopwatch.GetTimestamp();
            var (score, expected) = await ScoreAsync(demo, keys, keyId, subject, QueryId(demo, subject.Id, "score"), cancel);
            scored.Add((subject.Id, score == expected, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        });
        var matching = scored.Count(s => s.Match);
        var latencies = scored.Select(s => s.Millis).Order().ToArray();
        demo.Report.Add(Stage, $"bureau-1 scores {consenting.Count} subjects on ciphertext", matching == consenting.Count,
            $"{matching} decrypted scores equal Σ wᵢ·xᵢ computed in the clear; median {latencies[latencies.Length / 2]} ms per query end to end");
        demo.Report.Figure("encrypted queries", consenting.Count.ToString(CultureInfo.InvariantCulture));
        demo.Report.Figure("encrypted query latency p50 / max (ms)", $"{latencies[latencies.Length / 2]} / {latencies[^1]}");

        await TraceAsync(demo, keys, keyId, consenting[^1]);
        await DeniedAsync(demo, keys, keyId, neverConsented, "no consent", "denied: no such consent");
        await DeniedAsync(demo, keys, keyId, narrow, "consent too narrow for the model", "outside the consent's scope");

        var revoker = demo.Citizens.First();
        var revoked = await RevokeAsync(demo, revoker.Id);
        demo.Report.Add(Stage, $"{revoker.Id} revokes its consent", revoked, "a wallet-signed RevokeConsent record");
        await DeniedAsync(demo, keys, keyId, revoker, "query after revocation", "denied: consent revoked at");
    }

    public static string ConsentId(string subject) => $"consent-{subject}";

    public static ScoringModel Model(SyntheticSubject subject) => Models.Get(subject.Kind == SubjectKind.Citizen ? ModelRegistry.RetailCredit : ModelRegistry.EnterpriseCredit);

    private static string QueryId(DemoContext demo, string subject, string purpose) => $"q-{demo.Seed}-{purpose}-{subject}";

    public static async Task GrantAsync(DemoContext demo, string subject, IReadOnlyList<string> categories, long now, CancellationToken cancel)
    {
        var client = demo.Client(demo.Taxation, subject);
        var nonce = (await client.Participants.GetAsync(new GetParticipantRequest { Id = subject }, cancellationToken: cancel)).NextNonce;
        var transaction = ConsentBuilder.Grant(demo.Key(subject), demo.ChainId, nonce, ConsentId(subject), DemoContext.Bureau, "loan application",
            categories, DataClassification.Important, now - 60, now + (30 * 86_400));
        var reply = await client.Consents.GrantAsync(new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(transaction.Encode()) }, cancellationToken: cancel);
        demo.Report.Recorded("consent granted", reply.ConsentId, subject, reply.Receipt.Height, reply.Receipt.Leaf, string.Join(",", categories));
    }

    private static async Task<bool> RevokeAsync(DemoContext demo, string subject)
    {
        var client = demo.Client(demo.Taxation, subject);
        var nonce = (await client.Participants.GetAsync(new GetParticipantRequest { Id = subject })).NextNonce;
        var transaction = ConsentBuilder.Revoke(demo.Key(subject), demo.ChainId, nonce, ConsentId(subject));
        var reply = await client.Consents.RevokeAsync(new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(transaction.Encode()) });
        demo.Report.Recorded("consent revoked", reply.ConsentId, subject, reply.Receipt.Height, reply.Receipt.Leaf, reply.Receipt.Reason);
        var state = await client.Consents.GetAsync(new GetConsentRequest { Id = ConsentId(subject) });
        return state.HasRevokedAt;
    }

    private static async Task<(ulong Score, ulong Expected)> ScoreAsync(DemoContext demo, BureauScoringKeys keys, string keyId, SyntheticSubject subject, string queryId, CancellationToken cancel)
    {
        var model = Model(subject);
        var weights = model.Features.Select((_, i) => (ulong)(1 + ((demo.Seed + i) % 9))).ToArray();
        var reply = await demo.Client(demo.Taxation, DemoContext.Bureau).Queries.RunAsync(new RunQueryRequest
        {
            QueryId = queryId, ConsentId = ConsentId(subject.Id), Subject = subject.Id, ModelId = model.Id, KeyId = keyId,
            EncryptedWeights = ByteString.CopyFrom(keys.EncryptWeights(weights)),
        }, cancellationToken: cancel);
        demo.Report.Recorded("query", queryId, subject.Id, reply.Height, reply.Leaf, "allowed");
        var raw = model.Features.Select(f => demo.Population.Records.Single(r => r.SubjectId == subject.Id && r.Category == f.Category).Values[f.Field]).ToArray();
        return (keys.DecryptScore(reply.EncryptedScore.ToByteArray()), keys.PlainScore(weights, model.Scale(raw)));
    }

    /// <summary>
    /// One more query, followed by its trace id (the x-gc-trace-id response header) through the node's span log
    /// (spans.jsonl) to the ledger receipt in its trace log (traces.jsonl).
    /// </summary>
    private static async Task TraceAsync(DemoContext demo, BureauScoringKeys keys, string keyId, SyntheticSubject subject)
    {
        var model = Model(subject);
        var queryId = QueryId(demo, subject.Id, "traced");
        var weights = model.Features.Select((_, i) => (ulong)(1 + (i % 9))).ToArray();
        using var call = demo.Client(demo.Taxation, DemoContext.Bureau).Queries.RunAsync(new RunQueryRequest
        {
            QueryId = queryId, ConsentId = ConsentId(subject.Id), Subject = subject.Id, ModelId = model.Id, KeyId = keyId,
            EncryptedWeights = ByteString.CopyFrom(keys.EncryptWeights(weights)),
        });
        var traceId = (await call.ResponseHeadersAsync).GetValue("x-gc-trace-id") ?? string.Empty;
        var reply = await call;
        demo.Report.Recorded("query", queryId, subject.Id, reply.Height, reply.Leaf, "allowed");
        var data = demo.Taxation.Options.DataDirectory;
        await Task.Delay(500); // spans are written when they end, just after the reply
        var spans = ReadLines(Path.Combine(data, "spans.jsonl")).Where(l => l.Contains(traceId, StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("name").GetString()).ToList();
        var receipt = ReadLines(Path.Combine(data, "traces.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .FirstOrDefault(e => e.GetProperty("trace_id").GetString() == traceId && e.GetProperty("leaf").GetInt64() == reply.Leaf);
        demo.Report.Add(Stage, "one trace id follows a query from request to ledger commit", traceId.Length == 32 && spans.Count >= 3 && receipt.ValueKind == JsonValueKind.Object,
            $"trace {traceId}: spans {string.Join(" → ", spans.Distinct())}; receipt at height {reply.Height}, leaf {reply.Leaf}");
        demo.Report.Figure("traced query", traceId);
    }

    private static IEnumerable<string> ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    private static async Task DeniedAsync(DemoContext demo, BureauScoringKeys keys, string keyId, SyntheticSubject subject, string what, string expectedReason)
    {
        var queryId = QueryId(demo, subject.Id, what.Replace(' ', '-'));
        try
        {
            await ScoreAsync(demo, keys, keyId, subject, queryId, CancellationToken.None);
            demo.Report.Add(Stage, $"{what}: bureau-1 queries {subject.Id}", false, "the query was answered");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
        {
            demo.Report.Recorded("query", queryId, subject.Id, -1, -1, e.Status.Detail);
            demo.Report.Add(Stage, $"{what}: bureau-1 queries {subject.Id}", e.Status.Detail.Contains(expectedReason, StringComparison.Ordinal),
                $"PERMISSION_DENIED \"{e.Status.Detail}\", recorded on the ledger");
        }
    }
}
