using System.Net;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Tests.Domain;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using TrailIndex = GovChain.Ledger.Storage.TrailIndex;
using TrailRequest = GovChain.Ledger.Transport.TrailRequest;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>
/// The feature services (Queries, Credentials, Proofs, Licences) against real processes, over gRPC and REST. One class
/// in several files (this one: encrypted scoring, including a node killed mid-query) so that all of them share one
/// network: starting one costs more than most of the tests.
/// </summary>
[Collection(ServiceNetwork.Collection)]
public sealed partial class FeaturesEndToEndTests(QueriesAndCredentialsNetwork fixture) : IClassFixture<QueriesAndCredentialsNetwork>
{
    private static readonly Lazy<BureauKeys> Keys = new(() => new BureauKeys());
    private static readonly ulong[] Weights = [7, 3, 50, 2, 5, 40, 1, 60, 9];

    private ServiceNetwork Network => fixture.Network;

    private static RegisterKeysRequest KeysRequest() => new()
    {
        Parameters = ByteString.CopyFrom(Keys.Value.ParametersBlob),
        PublicKey = ByteString.CopyFrom(Keys.Value.PublicKeyBlob),
        GaloisKeys = ByteString.CopyFrom(Keys.Value.GaloisKeysBlob),
    };

    private static RunQueryRequest Query(string consentId, string keyId, string? subject = null, byte[]? weights = null) => new()
    {
        QueryId = "q-" + Guid.NewGuid().ToString("N")[..16],
        ConsentId = consentId,
        Subject = subject ?? string.Empty,
        ModelId = ModelRegistry.RetailCredit,
        KeyId = keyId,
        EncryptedWeights = ByteString.CopyFrom(weights ?? Keys.Value.EncryptWeights(Weights)),
    };

    private static async Task<string> RegisterKeysAsync(GovChain.CreditService.Client.CreditServiceClient client) => (await client.Queries.RegisterKeysAsync(KeysRequest())).KeyId;

    private Task<List<RecordQuery>> RecordedAsync(string consentId, string queryId) => ServiceNetwork.EventuallyAsync(
        async () => (await Network.Ledger.TrailAsync(new TrailRequest(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Consent, consentId)))).Bundle.Records
            .Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordQuery>().Where(q => q.QueryId == queryId).ToList(),
        records => records.Count > 0);

    [Fact]
    public async Task A_consented_query_over_grpc_decrypts_to_the_plaintext_score_and_is_recorded()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories);
        using var bureau = fixture.ConnectBureau();
        var request = Query(consent, await RegisterKeysAsync(bureau), fixture.Citizen);
        var reply = await bureau.Queries.RunAsync(request);

        Assert.Equal(Keys.Value.PlainScore(Weights, QueriesAndCredentialsNetwork.RetailFeatures), Keys.Value.DecryptScore(reply.EncryptedScore.ToByteArray()));
        var record = await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(request.QueryId));
        Assert.NotNull(record);
        Assert.True(record.Allowed);
        Assert.Equal((fixture.BureauId, Network.AgencyId), (record.Bureau, record.RecordedBy.Split('.')[0]));
        Assert.Equal(Hash32.Compute(reply.EncryptedScore.Span), record.OutputHash);
        Assert.Equal(Hash32.Compute(request.EncryptedWeights.Span), record.InputHash);
        Assert.Single(await RecordedAsync(consent, request.QueryId));
    }

    [Fact]
    public async Task A_consented_query_over_rest_decrypts_and_the_models_are_listed()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories);
        using var bureau = fixture.ConnectBureau();
        var (keyStatus, keyBody) = await Rest.PostAsync(bureau.Http, "/v1/queries/keys", KeysRequest());
        Assert.True(keyStatus == HttpStatusCode.OK, keyBody);
        var keyId = Rest.Parse<RegisterKeysReply>(keyBody).KeyId;

        var (status, body) = await Rest.PostAsync(bureau.Http, "/v1/queries", Query(consent, keyId, fixture.Citizen));
        Assert.True(status == HttpStatusCode.OK, body);
        var reply = Rest.Parse<RunQueryReply>(body);
        Assert.Equal(Keys.Value.PlainScore(Weights, QueriesAndCredentialsNetwork.RetailFeatures), Keys.Value.DecryptScore(reply.EncryptedScore.ToByteArray()));

        var (modelsStatus, modelsBody) = await Rest.GetAsync(bureau.Http, "/v1/models");
        Assert.Equal(HttpStatusCode.OK, modelsStatus);
        var retail = Rest.Parse<ListModelsReply>(modelsBody).Models.Single(m => m.ModelId == ModelRegistry.RetailCredit);
        Assert.Equal(QueriesAndCredentialsNetwork.RetailCategories, retail.Categories);
        Assert.Equal(Classification.Important, retail.Classification);
        Assert.Equal(ModelRegistry.CreateDefault().Get(ModelRegistry.RetailCredit).ModelHash.ToString(), retail.ModelHash);
    }

    [Fact]
    public async Task Malformed_seal_blobs_are_invalid_arguments_naming_the_field_and_record_nothing()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories);
        using var bureau = fixture.ConnectBureau();
        var truncated = KeysRequest();
        truncated.Parameters = ByteString.CopyFrom(Keys.Value.ParametersBlob[..^5]);
        var keys = await ServiceNetwork.FailureOf(() => bureau.Queries.RegisterKeysAsync(truncated).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, keys.StatusCode);
        Assert.StartsWith("parameters: ", keys.Detail, StringComparison.Ordinal);

        var badMagic = KeysRequest();
        var bytes = Keys.Value.PublicKeyBlob.ToArray();
        bytes[0] ^= 0xFF;
        badMagic.PublicKey = ByteString.CopyFrom(bytes);
        var (status, body) = await Rest.PostAsync(bureau.Http, "/v1/queries/keys", badMagic);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("public_key: PublicKey: bad magic", body, StringComparison.Ordinal);

        var keyId = await RegisterKeysAsync(bureau);
        var weights = Keys.Value.EncryptWeights(Weights);
        var query = Query(consent, keyId, fixture.Citizen, weights[..1000]);
        var run = await ServiceNetwork.FailureOf(() => bureau.Queries.RunAsync(query).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, run.StatusCode);
        Assert.StartsWith("encrypted_weights: ", run.Detail, StringComparison.Ordinal);
        Assert.Null(await Network.Ledger.QueryAsync(query.QueryId));
    }

    [Fact]
    public async Task A_category_outside_the_scope_is_denied_with_the_ledgers_reason_and_recorded()
    {
        var consent = await fixture.GrantConsentAsync(["court", "social-security", "tax"]);
        using var bureau = fixture.ConnectBureau();
        var keyId = await RegisterKeysAsync(bureau);
        var grpc = Query(consent, keyId, fixture.Citizen);
        var status = await ServiceNetwork.FailureOf(() => bureau.Queries.RunAsync(grpc).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "denied: category utilities is outside the consent's scope"), (status.StatusCode, status.Detail));
        var record = await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(grpc.QueryId));
        Assert.Equal((false, status.Detail), (record!.Allowed, record.Reason));

        var rest = Query(consent, keyId, fixture.Citizen);
        var (code, body) = await Rest.PostAsync(bureau.Http, "/v1/queries", rest);
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Contains("outside the consent's scope", body, StringComparison.Ordinal);
        Assert.False((await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(rest.QueryId)))!.Allowed);
    }

    [Fact]
    public async Task A_revoked_consent_is_denied_and_recorded_over_grpc_and_rest()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories);
        await fixture.RevokeConsentAsync(consent);
        using var bureau = fixture.ConnectBureau();
        var keyId = await RegisterKeysAsync(bureau);
        var grpc = Query(consent, keyId, fixture.Citizen);
        var status = await ServiceNetwork.FailureOf(() => bureau.Queries.RunAsync(grpc).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.StartsWith("denied: consent revoked at ", status.Detail, StringComparison.Ordinal);
        Assert.Equal(status.Detail, (await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(grpc.QueryId)))!.Reason);

        var (code, body) = await Rest.PostAsync(bureau.Http, "/v1/queries", Query(consent, keyId, fixture.Citizen));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Contains("denied: consent revoked at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_consent_is_denied_and_recorded_over_grpc_and_rest()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories, lifetime: TimeSpan.FromSeconds(4));
        using var bureau = fixture.ConnectBureau();
        var keyId = await RegisterKeysAsync(bureau);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var grpc = Query(consent, keyId, fixture.Citizen);
        var status = await ServiceNetwork.FailureOf(() => bureau.Queries.RunAsync(grpc).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.StartsWith("denied: consent expired at ", status.Detail, StringComparison.Ordinal);
        Assert.Equal(status.Detail, (await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(grpc.QueryId)))!.Reason);

        var (code, body) = await Rest.PostAsync(bureau.Http, "/v1/queries", Query(consent, keyId, fixture.Citizen));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Contains("denied: consent expired at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_subject_is_not_found_over_grpc_and_rest_and_the_attempt_is_recorded()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories, fixture.CitizenWithoutData, fixture.CitizenWithoutDataKey);
        using var bureau = fixture.ConnectBureau();
        var keyId = await RegisterKeysAsync(bureau);
        var grpc = Query(consent, keyId, fixture.CitizenWithoutData);
        var status = await ServiceNetwork.FailureOf(() => bureau.Queries.RunAsync(grpc).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, status.StatusCode);
        Assert.Contains("holds no data", status.Detail, StringComparison.Ordinal);
        Assert.Null(await Network.Ledger.QueryAsync(grpc.QueryId));

        var (code, body) = await Rest.PostAsync(bureau.Http, "/v1/queries", Query(consent, keyId, fixture.CitizenWithoutData));
        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Contains("holds no data", body, StringComparison.Ordinal);
        var denials = await ServiceNetwork.EventuallyAsync(
            async () => (await Network.Ledger.TrailAsync(new TrailRequest(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Subject, fixture.CitizenWithoutData)))).Bundle.Records
                .Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordDenial>().Count(d => d.Operation == QueryProcessor.Operation),
            count => count >= 2);
        Assert.Equal(2, denials);
    }

    [Fact]
    public async Task A_query_without_consent_is_denied_and_recorded()
    {
        using var bureau = fixture.ConnectBureau();
        var query = Query("consent-that-does-not-exist", await RegisterKeysAsync(bureau), fixture.Citizen);
        var status = await ServiceNetwork.FailureOf(() => bureau.Queries.RunAsync(query).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "denied: no such consent"), (status.StatusCode, status.Detail));
        Assert.False((await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(query.QueryId)))!.Allowed);
    }

    [Fact]
    public async Task Killing_the_node_mid_query_loses_nothing_and_the_retry_is_recorded_once()
    {
        var consent = await fixture.GrantConsentAsync(QueriesAndCredentialsNetwork.RetailCategories);
        string keyId;
        using (var setup = fixture.ConnectBureau())
        {
            keyId = await RegisterKeysAsync(setup);
        }

        var results = Path.Combine(Network.ServiceDataDirectory, "query-results");
        RunQueryRequest? killed = null;
        for (var attempt = 0; attempt < 5 && killed is null; attempt++)
        {
            var request = Query(consent, keyId, fixture.Citizen);
            var answered = Directory.Exists(results) ? Directory.GetFiles(results).Length : 0;
            using var bureau = fixture.ConnectBureau();
            var call = bureau.Queries.RunAsync(request).ResponseAsync;

            // Kill as soon as the node has persisted its answer: between the HE work and the ledger commit.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (!call.IsCompleted && DateTime.UtcNow < deadline && (!Directory.Exists(results) || Directory.GetFiles(results).Length == answered))
            {
                await Task.Delay(1);
            }

            Network.KillService();
            var failed = await Record.ExceptionAsync(() => call);
            if (failed is RpcException rpc)
            {
                Assert.Equal(StatusCode.Unavailable, rpc.StatusCode);
                killed = request;
            }

            await Network.StartServiceAsync();
        }

        Assert.NotNull(killed);
        using var retry = fixture.ConnectBureau();
        var reply = await retry.Queries.RunAsync(killed);
        Assert.Equal(Keys.Value.PlainScore(Weights, QueriesAndCredentialsNetwork.RetailFeatures), Keys.Value.DecryptScore(reply.EncryptedScore.ToByteArray()));
        Assert.Single(await RecordedAsync(consent, killed.QueryId));
        Assert.Equal(Hash32.Compute(reply.EncryptedScore.Span), (await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.QueryAsync(killed.QueryId)))!.OutputHash);

        var again = await retry.Queries.RunAsync(killed);
        Assert.Equal(reply.EncryptedScore, again.EncryptedScore);
        Assert.Single(await RecordedAsync(consent, killed.QueryId));
    }
}
