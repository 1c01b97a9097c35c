using System.Net;
using System.Text;
using GovChain.Crypto;
using GovChain.CreditService.Client;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Grpc.Core;
using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>
/// The request-signature check of a running node, over gRPC and REST: each refusal has its status and reason and
/// leaves nothing on the ledger.
/// </summary>
[Collection(ServiceNetwork.Collection)]
public sealed class SigningEndToEndTests(ServiceNetwork network)
{
    [Fact]
    public async Task A_body_altered_after_signing_is_a_bad_signature_and_records_nothing()
    {
        var (bureau, subject, key) = await BureauAndSubjectAsync();
        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..10];
        using var grpc = network.Connect(subject, key, transport: () => new TamperingHandler(TamperingHandler.FlipLastBodyByte));
        var status = await ServiceNetwork.FailureOf(async () => await grpc.Consents.GrantAsync(await GrantRequest(key, consentId, bureau)));
        Assert.Equal((StatusCode.Unauthenticated, "bad signature"), (status.StatusCode, status.Detail));

        var (code, body) = await Rest.PostAsync(grpc.Http, "/v1/consents/grant", await GrantRequest(key, consentId, bureau));
        AssertRefusal(code, body, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "bad signature");
        Assert.Null(await network.Ledger.ConsentAsync(consentId));
    }

    [Fact]
    public async Task A_replayed_request_is_refused_over_both_transports()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        var captured = new List<KeyValuePair<string, IEnumerable<string>>>();
        Task Replay(HttpRequestMessage request)
        {
            var signing = request.Headers.Where(h => h.Key.StartsWith("x-gc-", StringComparison.Ordinal)).ToList();
            if (captured.Count == 0)
            {
                captured.AddRange(signing);
            }
            else
            {
                foreach (var (name, values) in captured)
                {
                    request.Headers.Remove(name);
                    request.Headers.TryAddWithoutValidation(name, values);
                }
            }

            return Task.CompletedTask;
        }

        using var client = network.Connect(bureau, key, transport: () => new TamperingHandler(Replay));
        var request = new GetParticipantRequest { Id = bureau };
        Assert.Equal(bureau, (await client.Participants.GetAsync(request)).Id);
        var status = await ServiceNetwork.FailureOf(() => client.Participants.GetAsync(request).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "replayed nonce"), (status.StatusCode, status.Detail));

        captured.Clear();
        Assert.Equal(HttpStatusCode.OK, (await Rest.GetAsync(client.Http, $"/v1/participants/{bureau}")).Status);
        var (code, body) = await Rest.GetAsync(client.Http, $"/v1/participants/{bureau}");
        AssertRefusal(code, body, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "replayed nonce");
    }

    [Fact]
    public async Task A_stale_timestamp_is_refused_over_both_transports()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        using var client = network.Connect(bureau, key, new SkewedClock(TimeSpan.FromMinutes(-10)));
        var status = await ServiceNetwork.FailureOf(() => client.Participants.GetAsync(new GetParticipantRequest { Id = bureau }).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "stale timestamp"), (status.StatusCode, status.Detail));
        var (code, body) = await Rest.GetAsync(client.Http, $"/v1/participants/{bureau}");
        AssertRefusal(code, body, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "stale timestamp");
    }

    [Fact]
    public async Task An_unknown_actor_is_refused_over_both_transports()
    {
        using var client = network.Connect("stranger", Sm2PrivateKey.Generate());
        var status = await ServiceNetwork.FailureOf(() => client.Audit.TreeHeadAsync(new TreeHeadRequest()).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, "unknown actor"), (status.StatusCode, status.Detail));
        var (code, body) = await Rest.GetAsync(client.Http, "/v1/audit/tree-head");
        AssertRefusal(code, body, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "unknown actor");
    }

    [Fact]
    public async Task An_unsigned_rest_request_names_the_missing_header()
    {
        using var plain = new HttpClient { BaseAddress = network.RestUri };
        using var response = await plain.GetAsync(new Uri("/v1/audit/tree-head", UriKind.Relative));
        AssertRefusal(response.StatusCode, await response.Content.ReadAsStringAsync(), HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "missing x-gc-actor header");
        Assert.True(response.Headers.Contains(RequestHeaders.TraceId));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_before_anything_is_recorded()
    {
        var (bureau, subject, key) = await BureauAndSubjectAsync();
        using var client = network.Connect(subject, key);
        var huge = new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(new byte[5 * 1024 * 1024]) };
        var status = await ServiceNetwork.FailureOf(() => client.Consents.GrantAsync(huge).ResponseAsync);
        Assert.Equal((StatusCode.ResourceExhausted, "body exceeds 4194304 bytes"), (status.StatusCode, status.Detail));

        var (code, body) = await Rest.PostAsync(client.Http, "/v1/consents/grant", huge);
        AssertRefusal(code, body, HttpStatusCode.RequestEntityTooLarge, "RESOURCE_EXHAUSTED", "body exceeds 4194304 bytes");
        Assert.Equal(0UL, (await ServiceNetwork.EventuallyAsync(() => network.Ledger.ParticipantAsync(subject), p => p is not null))?.NextNonce);
        Assert.NotNull(bureau);
    }

    [Fact]
    public async Task A_signed_request_gets_a_trace_id_that_the_trace_log_ties_to_its_ledger_commit()
    {
        var (bureau, subject, key) = await BureauAndSubjectAsync();
        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..10];
        using var client = network.Connect(subject, key);
        using var content = new StringContent(JsonFormatter.Default.Format(await GrantRequest(key, consentId, bureau)), Encoding.UTF8, "application/json");
        using var response = await client.Http.PostAsync(new Uri("/v1/consents/grant", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Rest.Parse<ConsentReply>(await response.Content.ReadAsStringAsync());
        var traceId = Assert.Single(response.Headers.GetValues(RequestHeaders.TraceId));
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        var lines = ReadLines(Path.Combine(network.ServiceDataDirectory, "traces.jsonl"));
        var entry = Assert.Single(lines, l => l.Contains(traceId, StringComparison.Ordinal));
        Assert.Contains($"\"leaf\":{reply.Receipt.Leaf}", entry, StringComparison.Ordinal);
        Assert.Contains("\"operation\":\"Relay\"", entry, StringComparison.Ordinal);
        var spans = ReadLines(Path.Combine(network.ServiceDataDirectory, "spans.jsonl")).Where(l => l.Contains(traceId, StringComparison.Ordinal)).ToList();
        Assert.Contains(spans, s => s.Contains("\"name\":\"authenticate\"", StringComparison.Ordinal));
        Assert.Contains(spans, s => s.Contains("\"name\":\"ledger.submit\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_count_calls_by_method_and_status()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        using var client = network.Connect(bureau, key);
        await ServiceNetwork.FailureOf(() => client.Participants.GetAsync(new GetParticipantRequest { Id = "nobody" }).ResponseAsync);
        using var plain = new HttpClient { BaseAddress = network.RestUri };
        var metrics = await plain.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("govchain_requests_total{method=\"/govchain.v1.Participants/Get\",status=\"NotFound\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("govchain_ledger_submit_seconds_count{outcome=\"accepted\"}", metrics, StringComparison.Ordinal);
        var openapi = await plain.GetStringAsync(new Uri("/openapi", UriKind.Relative));
        Assert.Contains("/v1/consents/grant", openapi, StringComparison.Ordinal);
    }

    /// <summary>The node keeps its logs open while it runs.</summary>
    private static string[] ReadLines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static void AssertRefusal(HttpStatusCode status, string body, HttpStatusCode expectedStatus, string code, string reason)
    {
        Assert.Equal(expectedStatus, status);
        Assert.Equal($"{{\"code\":\"{code}\",\"reason\":\"{reason}\"}}", body);
    }

    private async Task<(string Bureau, string Subject, Sm2PrivateKey Key)> BureauAndSubjectAsync()
    {
        var (bureau, _) = await network.RegisterAsync(Role.Bureau, "bureau");
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        return (bureau, subject, key);
    }

    private async Task<RelayConsentRequest> GrantRequest(Sm2PrivateKey key, string consentId, string bureau)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var grant = new GrantConsent(consentId, bureau, "loan", ["tax"], DataClassification.Important, now - 60, now + 86_400);
        return new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, grant)) };
    }
}
