using System.Net;
using GovChain.Crypto;
using GovChain.CreditService.Protos;
using GovChain.Ledger.Application;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Transparency;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using LedgerTrailIndex = GovChain.Ledger.Storage.TrailIndex;
using LedgerTrailRequest = GovChain.Ledger.Transport.TrailRequest;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>Trails exported by a running node: `govchain audit verify` accepts them and catches one altered byte; readers are checked.</summary>
[Collection(ServiceNetwork.Collection)]
public sealed class AuditEndToEndTests(ServiceNetwork network)
{
    [Fact]
    public async Task A_subject_trail_exported_over_grpc_verifies_offline_and_an_altered_byte_does_not()
    {
        var (subject, key, _) = await SubjectWithRevokedConsentAsync();
        using var client = network.Connect(subject, key);
        var reply = await client.Audit.TrailAsync(new TrailRequest { Index = TrailIndex.Subject, Key = subject });
        Assert.Equal(3, reply.Records);
        Assert.True(reply.Signatures >= network.Trust.Validators.Quorum);
        var file = Path.Combine(network.Root, $"trail-{subject}.gca");
        File.WriteAllBytes(file, reply.Export.ToByteArray());

        var ok = network.Run("audit", "verify", "--in", file, "--trust", network.TrustFile);
        Assert.True(ok.ExitCode == 0, ok.StdErr);
        Assert.Equal("valid", ok.StdOut.Split('\n')[0].Trim());

        var altered = reply.Export.ToByteArray();
        altered[altered.Length / 2] ^= 0x20;
        File.WriteAllBytes(file, altered);
        var bad = network.Run("audit", "verify", "--in", file, "--trust", network.TrustFile);
        Assert.True(bad.ExitCode is 1 or 2, $"exit {bad.ExitCode}");
        Assert.NotEmpty(bad.StdErr.Trim());
    }

    [Fact]
    public async Task An_auditor_reads_a_revoked_consent_trail_over_rest_with_grant_and_revocation()
    {
        var (_, _, consentId) = await SubjectWithRevokedConsentAsync();
        var (auditor, auditorKey) = await network.RegisterAsync(Role.Auditor, "auditor");
        using var client = network.Connect(auditor, auditorKey);
        var (status, body) = await Rest.GetAsync(client.Http, $"/v1/audit/trail?index=TRAIL_INDEX_CONSENT&key={consentId}");
        Assert.True(status == HttpStatusCode.OK, body);
        var reply = Rest.Parse<TrailReply>(body);
        var bundle = AuditExport.Decode(reply.Export.Span);
        Assert.Null(AuditVerifier.Verify(bundle, network.Trust.ChainId, network.Trust.Validators, new Sm2SignatureVerifier()));
        var payloads = bundle.Records.Select(r => LedgerTransaction.Decode(r.Record).Payload).ToList();
        Assert.Collection(payloads, p => Assert.IsType<GrantConsent>(p), p => Assert.IsType<RevokeConsent>(p));
        Assert.Equal(bundle.Head.Head.TreeSize, reply.TreeSize);
        Assert.Equal(bundle.Head.Head.RootHash.ToString(), reply.RootHash);
    }

    [Fact]
    public async Task An_auditor_pages_a_subject_trail_over_grpc_and_a_time_interval_over_rest_each_page_verifying()
    {
        var (subject, _, _) = await SubjectWithRevokedConsentAsync();
        var (auditor, auditorKey) = await network.RegisterAsync(Role.Auditor, "auditor");
        using var client = network.Connect(auditor, auditorKey);
        var leaves = new List<long>();
        var request = new TrailRequest { Index = TrailIndex.Subject, Key = subject, Limit = 1 };
        while (true)
        {
            var reply = await client.Audit.TrailAsync(request);
            var bundle = AuditExport.Decode(reply.Export.Span);
            Assert.Null(AuditVerifier.Verify(bundle, network.Trust.ChainId, network.Trust.Validators, new Sm2SignatureVerifier()));
            Assert.True(bundle.Completeness!.Signatures.Length >= network.Trust.Validators.Quorum); // checked by the line above
            leaves.AddRange(bundle.Records.Select(r => r.Proof.LeafIndex));
            Assert.Equal(1, reply.Records);
            if (!reply.More)
            {
                break;
            }

            Assert.True(reply.NextFromLeaf > leaves[^1]);
            request.FromLeaf = reply.NextFromLeaf;
        }

        Assert.Equal(3, leaves.Count);
        Assert.Equal(leaves.Order(), leaves);

        var now = DateTimeOffset.UtcNow;
        var interval = Uri.EscapeDataString(GovChain.Ledger.Storage.TrailQuery.FormatInterval(now.AddHours(-1), now.AddHours(1)));
        var (status, body) = await Rest.GetAsync(client.Http, $"/v1/audit/trail?index=TRAIL_INDEX_TIME&key={interval}&limit=2");
        Assert.True(status == HttpStatusCode.OK, body);
        var page = Rest.Parse<TrailReply>(body);
        Assert.Equal(2, page.Records);
        Assert.True(page.More);
        var timeBundle = AuditExport.Decode(page.Export.Span);
        Assert.Null(AuditVerifier.Verify(timeBundle, network.Trust.ChainId, network.Trust.Validators, new Sm2SignatureVerifier()));
        Assert.True(page.NextFromLeaf > timeBundle.Records[^1].Proof.LeafIndex);
    }

    [Fact]
    public async Task Time_trails_are_for_auditors_and_a_malformed_interval_or_limit_is_an_invalid_argument()
    {
        var (subject, key, _) = await SubjectWithRevokedConsentAsync();
        using var citizen = network.Connect(subject, key);
        var denied = await ServiceNetwork.FailureOf(() => citizen.Audit.TrailAsync(new TrailRequest
        {
            Index = TrailIndex.Time,
            Key = "2026-01-01T00:00:00Z/2027-01-01T00:00:00Z",
        }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var (auditor, auditorKey) = await network.RegisterAsync(Role.Auditor, "auditor");
        using var client = network.Connect(auditor, auditorKey);
        foreach (var bad in new[]
        {
            new TrailRequest { Index = TrailIndex.Time, Key = "last week" },
            new TrailRequest { Index = TrailIndex.Time, Key = "2027-01-01T00:00:00Z/2026-01-01T00:00:00Z" },
            new TrailRequest { Index = TrailIndex.Subject, Key = subject, Limit = -1 },
            new TrailRequest { Index = TrailIndex.Subject, Key = subject, FromLeaf = -1 },
        })
        {
            var status = await ServiceNetwork.FailureOf(() => client.Audit.TrailAsync(bad).ResponseAsync);
            Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
            Assert.StartsWith("trail ", status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bureau_may_not_read_a_subject_trail_and_the_denial_is_recorded_in_that_trail()
    {
        var (subject, _, _) = await SubjectWithRevokedConsentAsync();
        var (bureau, bureauKey) = await network.RegisterAsync(Role.Bureau, "bureau");
        using var client = network.Connect(bureau, bureauKey);
        var status = await ServiceNetwork.FailureOf(() => client.Audit.TrailAsync(new TrailRequest { Index = TrailIndex.Subject, Key = subject }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Equal($"denied: a Bureau may not read the subject trail of {subject}", status.Detail);

        var denials = await ServiceNetwork.EventuallyAsync(() => DenialsAsync(LedgerTrailIndex.Subject, subject), d => d.Count > 0);
        var denial = Assert.Single(denials);
        Assert.Equal((bureau, "Audit/Trail"), (denial.Requester, denial.Operation));
    }

    [Fact]
    public async Task A_trail_request_without_an_index_is_an_invalid_argument()
    {
        var (auditor, key) = await network.RegisterAsync(Role.Auditor, "auditor");
        using var client = network.Connect(auditor, key);
        var status = await ServiceNetwork.FailureOf(() => client.Audit.TrailAsync(new TrailRequest { Key = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
        Assert.StartsWith("index ", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_tree_head_over_rest_matches_the_validators()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        using var client = network.Connect(bureau, key);
        var (status, body) = await Rest.GetAsync(client.Http, "/v1/audit/tree-head");
        Assert.Equal(HttpStatusCode.OK, status);
        var head = Rest.Parse<TreeHeadReply>(body);
        var direct = await network.Ledger.StatusAsync();
        Assert.True(head.TreeSize > 0);
        Assert.True(Math.Abs(direct.Head.TreeSize - head.TreeSize) <= 1, $"service {head.TreeSize}, validator {direct.Head.TreeSize}");
    }

    [Fact]
    public async Task Concurrent_denials_are_each_recorded_once_and_recording_resumes_after_a_node_restart()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        using (var client = network.Connect(bureau, key))
        {
            var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
                ServiceNetwork.FailureOf(() => client.Audit.TrailAsync(new TrailRequest { Index = TrailIndex.Consent, Key = $"consent-{i}" }).ResponseAsync)));
            Assert.All(statuses, s => Assert.Equal(StatusCode.PermissionDenied, s.StatusCode));
        }

        network.KillService();
        await network.StartServiceAsync();
        using (var client = network.Connect(bureau, key))
        {
            var after = await ServiceNetwork.FailureOf(() => client.Audit.TrailAsync(new TrailRequest { Index = TrailIndex.Consent, Key = "consent-after" }).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, after.StatusCode);
        }

        var denied = (await ServiceNetwork.EventuallyAsync(() => DenialsAsync(LedgerTrailIndex.Bureau, bureau), d => d.Count >= 11)).Select(d => d.Reason).ToList();
        Assert.Equal(11, denied.Count);
        Assert.Equal(11, denied.Distinct().Count());
    }

    [Fact]
    public async Task Recorder_nonces_used_behind_the_nodes_back_are_resynchronised_from_the_ledger()
    {
        var (bureau, bureauKey) = await network.RegisterAsync(Role.Bureau, "bureau");
        using var client = network.Connect(bureau, bureauKey);
        Task<Status> Deny(string key) => ServiceNetwork.FailureOf(() => client.Audit.TrailAsync(new TrailRequest { Index = TrailIndex.Consent, Key = key }).ResponseAsync);

        // One denial at a time takes the recorders in turn, so afterwards the node holds a nonce for each of them.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StatusCode.PermissionDenied, (await Deny($"warm-{i}")).StatusCode);
        }

        // Another writer then uses every recorder key once: each nonce the node holds is stale.
        for (var i = 0; i < 3; i++)
        {
            var key = Sm2PrivateKey.FromPem(File.ReadAllText(Path.Combine(network.ServiceDataDirectory, "recorders", $"recorder-{i}.key.pem")));
            var nonce = await network.NextNonceAsync(key.PublicKey.ToUncompressed());
            var denial = new RecordDenial($"outside-{i}-{Guid.NewGuid():N}", "someone", "Outside/Write", string.Empty, "denied: test", GovChain.Ledger.Codec.Hash32.Compute([(byte)i]));
            var reply = await network.Ledger.SubmitAsync(LedgerTransaction.Sign(network.ChainId, key, nonce, denial).Encode());
            Assert.Equal(GovChain.Ledger.Transport.SubmitOutcome.Accepted, reply.Outcome);
        }

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Deny($"resync-{i}")));
        Assert.All(statuses, s => Assert.Equal(StatusCode.PermissionDenied, s.StatusCode));
        Assert.Equal(9, (await ServiceNetwork.EventuallyAsync(() => DenialsAsync(LedgerTrailIndex.Bureau, bureau), d => d.Count >= 9)).Count);
    }

    /// <summary>The denials in a trail as the independent validator has committed them so far.</summary>
    private async Task<List<RecordDenial>> DenialsAsync(LedgerTrailIndex index, string key)
    {
        var trail = (await network.Ledger.TrailAsync(new LedgerTrailRequest(new GovChain.Ledger.Storage.TrailQuery(index, key)))).Bundle;
        return [.. trail.Records.Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordDenial>()];
    }

    private async Task<(string Subject, Sm2PrivateKey Key, string ConsentId)> SubjectWithRevokedConsentAsync()
    {
        var (bureau, _) = await network.RegisterAsync(Role.Bureau, "bureau");
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..10];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var client = network.Connect(subject, key);
        await client.Consents.GrantAsync(new RelayConsentRequest
        {
            SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key,
                new GrantConsent(consentId, bureau, "loan", ["tax"], DataClassification.Important, now - 60, now + 86_400))),
        });
        await client.Consents.RevokeAsync(new RelayConsentRequest
        {
            SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, new RevokeConsent(consentId))),
        });
        return (subject, key, consentId);
    }
}
