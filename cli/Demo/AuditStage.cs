using System.Net.Http.Json;
using System.Text.Json;
using GovChain.CreditService.Protos;
using GovChain.Ledger.Application;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Transparency;

namespace GovChain.Cli.Demo;

/// <summary>
/// The auditor's view. auditor-1 fetches the trail of bureau-1 and of every subject (one over REST, the rest over
/// gRPC); each comes as an export under a tree head that a quorum of validators signed, with a quorum's statement
/// that no record was left out, which is checked offline against trust.txt exactly as `govchain audit verify` does.
/// Every ledger event the demo caused must be in its subject's trail; the auditor also reads every record of the last
/// hour by time, a page at a time; an export with one byte altered must fail verification.
/// </summary>
internal static class AuditStage
{
    private const string Stage = "audit";

    public static async Task RunAsync(DemoContext demo)
    {
        var folder = Path.Combine(demo.Directory, "trails");
        Directory.CreateDirectory(folder);
        var auditor = demo.Client(demo.Taxation, DemoContext.Auditor);
        var verifier = new Sm2SignatureVerifier();
        var idsBySubject = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var verified = 0;
        var subjects = demo.Population.Subjects.Select(s => s.Id).ToList();
        byte[]? sampleExport = null;
        for (var i = 0; i <= subjects.Count; i++)
        {
            var (index, key) = i < subjects.Count ? (TrailIndex.Subject, subjects[i]) : (TrailIndex.Bureau, DemoContext.Bureau);
            var export = i == 0 ? await TrailOverRestAsync(auditor.Http, index, key) : (await auditor.Audit.TrailAsync(new TrailRequest { Index = index, Key = key })).Export.ToByteArray();
            var file = Path.Combine(folder, $"{(index == TrailIndex.Subject ? "subject" : "bureau")}-{key}.gca");
            File.WriteAllBytes(file, export);
            var bundle = AuditExport.Decode(export);
            var problem = AuditVerifier.Verify(bundle, demo.ChainId, demo.Network.Trust.Validators, verifier) ??
                (bundle.Completeness is null ? "no completeness statement" : null);
            verified += problem is null ? 1 : 0;
            idsBySubject[key] = [.. bundle.Records.Select(r => RecordIds.Describe(r.Record).Id)];
            if (i == 0 || index == TrailIndex.Bureau)
            {
                sampleExport ??= export;
                demo.Report.Trail(new DemoTrail(index == TrailIndex.Subject ? "subject" : "bureau", key, Path.GetRelativePath(demo.Directory, file), bundle.Records.Length,
                    bundle.Head.Head.TreeSize, bundle.Head.Head.RootHash.ToString(), bundle.Head.Signatures.Length, problem is null,
                    [.. bundle.Records.Select(r =>
                    {
                        var (kind, id, summary) = RecordIds.Describe(r.Record);
                        return new DemoTrailEntry(r.Proof.LeafIndex, kind, $"{id} {summary}".Trim(), string.Join(' ', r.Proof.Path.Select(h => h.ToString()[..12])));
                    })]));
            }
        }

        demo.Report.Add(Stage, $"auditor-1 fetches {subjects.Count + 1} trails and checks them offline", verified == subjects.Count + 1,
            $"{verified} exports verify: quorum-signed tree heads and completeness statements (SM2), RFC 9162 inclusion proofs (SM3); files in trails/");

        var events = demo.Report.Events.Where(e => e.Subject.Length > 0).ToList();
        var missing = events.Where(e => !idsBySubject.TryGetValue(e.Subject, out var ids) || !ids.Contains(e.Id)).ToList();
        demo.Report.Add(Stage, "every consent, query (allowed or denied), proof and licence event is in its subject's trail", missing.Count == 0,
            missing.Count == 0 ? $"all {events.Count} events found" : $"missing: {string.Join(", ", missing.Take(5).Select(m => $"{m.Kind} {m.Id}"))}");
        var deniedQueries = events.Count(e => e.Kind == "query" && e.Outcome.StartsWith("denied", StringComparison.Ordinal));
        demo.Report.Figure("ledger events checked in trails", events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        demo.Report.Figure("denied queries recorded", deniedQueries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ReadTheLastHourAsync(demo, auditor.Audit, verifier, events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal));

        var altered = (byte[])sampleExport!.Clone();
        altered[altered.Length / 2] ^= 0x01;
        string? alteredProblem;
        try
        {
            alteredProblem = AuditVerifier.Verify(AuditExport.Decode(altered), demo.ChainId, demo.Network.Trust.Validators, verifier);
        }
        catch (GovChain.Ledger.LedgerFormatException e)
        {
            alteredProblem = "malformed: " + e.Message;
        }

        demo.Report.Add(Stage, "one byte of an exported trail altered", alteredProblem is not null, $"verification fails: {alteredProblem}");
    }

    /// <summary>Every record of the last hour by the time index, 100 a page, each page verified on its own.</summary>
    private static async Task ReadTheLastHourAsync(DemoContext demo, Audit.AuditClient audit, Sm2SignatureVerifier verifier, HashSet<string> eventIds)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new TrailRequest { Index = TrailIndex.Time, Key = GovChain.Ledger.Storage.TrailQuery.FormatInterval(now.AddHours(-1), now.AddMinutes(1)), Limit = 100 };
        int pages = 0, good = 0, records = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        TrailReply reply;
        do
        {
            reply = await audit.TrailAsync(request);
            var bundle = AuditExport.Decode(reply.Export.Span);
            pages++;
            good += AuditVerifier.Verify(bundle, demo.ChainId, demo.Network.Trust.Validators, verifier) is null && bundle.Completeness is not null ? 1 : 0;
            records += bundle.Records.Length;
            ids.UnionWith(bundle.Records.Select(r => RecordIds.TryDescribe(r.Record)?.Id ?? string.Empty));
            request.FromLeaf = reply.NextFromLeaf;
        }
        while (reply.More);

        var missing = eventIds.Count(id => !ids.Contains(id));
        demo.Report.Add(Stage, "auditor-1 reads every record of the last hour by time, 100 a page", good == pages && missing == 0,
            $"{records} records in {pages} pages, {good} verified with completeness statements; {eventIds.Count - missing} of {eventIds.Count} events found");
    }

    /// <summary>GET /v1/audit/trail over REST (JSON transcoding of the same gRPC method), signed like every request.</summary>
    private static async Task<byte[]> TrailOverRestAsync(HttpClient http, TrailIndex index, string key)
    {
        var path = $"/v1/audit/trail?index={(index == TrailIndex.Subject ? "TRAIL_INDEX_SUBJECT" : "TRAIL_INDEX_BUREAU")}&key={Uri.EscapeDataString(key)}";
        using var reply = await http.GetAsync(new Uri(path, UriKind.Relative));
        reply.EnsureSuccessStatusCode();
        var json = await reply.Content.ReadFromJsonAsync<JsonElement>();
        return Convert.FromBase64String(json.GetProperty("export").GetString()!);
    }
}

/// <summary>The id and a one-line summary of a logged record (a committed ledger transaction).</summary>
internal static class RecordIds
{
    public static (string Kind, string Id, string Summary) Describe(byte[] record) => LedgerTransaction.Decode(record).Payload switch
    {
        RegisterParticipant p => ("register", p.ParticipantId, p.Role.ToString().ToLowerInvariant()),
        GrantConsent g => ("consent granted", g.ConsentId, $"to {g.Bureau} for {string.Join(",", g.Categories)}"),
        RevokeConsent r => ("consent revoked", r.ConsentId, string.Empty),
        RecordQuery q => ("query", q.QueryId, $"by {q.Bureau} on {q.Subject}"),
        IssueCredential i => (i.CredentialKind == CredentialKind.Licence ? "licence issued" : "credential issued", i.CredentialId, i.Type),
        RevokeCredential r => ("revoked", r.CredentialId, string.Empty),
        RecordProofVerification v => ("verification", v.VerificationId, $"of {v.CredentialId} for {v.Verifier}: {(v.ProofValid ? "valid" : "invalid")}"),
        RecordDenial d => ("denial", d.DenialId, $"{d.Requester} {d.Operation}: {d.Reason}"),
        var other => (other.Kind.ToString(), string.Empty, string.Empty),
    };

    /// <summary>As <see cref="Describe"/>, or null for a logged record that is not a transaction (genesis, validator changes).</summary>
    public static (string Kind, string Id, string Summary)? TryDescribe(byte[] record)
    {
        try
        {
            return Describe(record);
        }
        catch (GovChain.Ledger.LedgerFormatException)
        {
            return null;
        }
    }
}
