using System.Buffers.Text;
using System.Net;
using GovChain.Crypto;
using GovChain.CreditService.Protos;
using GovChain.Wallet.Documents;
using Grpc.Core;
using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>(Part of <see cref="FeaturesEndToEndTests"/>.) E-licences: issue (agency), fetch (holder only), open, present, verify, revoke.</summary>
public sealed partial class FeaturesEndToEndTests
{
    private async Task<(string Holder, Sm2PrivateKey Key, string Bureau, Sm2PrivateKey BureauKey, IssueLicenceReply Issued)> IssueLicenceAsync()
    {
        var (holder, key) = await Network.RegisterAsync(Role.Subject, "enterprise");
        var (bureau, bureauKey) = await Network.RegisterAsync(Role.Bureau, "bank");
        using var agency = Network.ConnectAgency();
        var request = new IssueLicenceRequest { Holder = holder, Type = "business-licence", Number = "91110000MA01ABCD2X", HolderName = "Li Si Trading", ValidDays = 365 };
        request.Fields.Add("scope", "retail");
        var issued = await agency.Licences.IssueAsync(request);
        return (holder, key, bureau, bureauKey, issued);
    }

    private static (LicenceEnvelope Envelope, LicenceDocument Document) OpenLicence(FetchLicenceReply fetched, Sm2PrivateKey key)
    {
        var envelope = LicenceEnvelope.FromJson(fetched.EnvelopeJson);
        return (envelope, envelope.Open(key, fetched.Blob.ToByteArray()));
    }

    private static string PresentLicence(Sm2PrivateKey key, LicenceEnvelope envelope, LicenceDocument document, string audience) =>
        LicenceDisclosure.Create(key, envelope, document, audience, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 300).ToToken();

    [Fact]
    public async Task Issue_fetch_over_rest_open_present_and_verify_over_grpc_and_rest()
    {
        var (holder, key, bureau, bureauKey, issued) = await IssueLicenceAsync();
        var record = await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.CredentialAsync(issued.LicenceId));
        Assert.Equal((Network.AgencyId, holder), (record!.Issuer, record.Holder));

        using var holderClient = Network.Connect(holder, key);
        var (status, body) = await Rest.GetAsync(holderClient.Http, $"/v1/licences/{issued.LicenceId}");
        Assert.True(status == HttpStatusCode.OK, body);
        var (envelope, document) = OpenLicence(Rest.Parse<FetchLicenceReply>(body), key);
        Assert.Equal(("Li Si Trading", "retail"), (document.HolderName, document.Fields["scope"]));
        Assert.Equal(envelope.CiphertextHash, record.ContentHash);

        using var bureauClient = Network.Connect(bureau, bureauKey);
        var grpc = await bureauClient.Licences.VerifyAsync(new VerifyLicenceRequest { Token = PresentLicence(key, envelope, document, bureau) });
        Assert.True(grpc.Valid, grpc.Reason);
        Assert.Equal(("active", issued.LicenceId), (grpc.Status, grpc.Record.Id));
        Assert.True((await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.VerificationAsync(grpc.VerificationId)))!.ProofValid);

        var (restStatus, restBody) = await Rest.PostAsync(bureauClient.Http, "/v1/licences/verify", new VerifyLicenceRequest { Token = PresentLicence(key, envelope, document, bureau) });
        Assert.True(restStatus == HttpStatusCode.OK, restBody);
        Assert.True(Rest.Parse<VerifyLicenceReply>(restBody).Valid);
    }

    [Fact]
    public async Task Only_the_holder_fetches_over_grpc_and_rest_and_the_attempts_are_recorded()
    {
        var (holder, _, bureau, bureauKey, issued) = await IssueLicenceAsync();
        using var bureauClient = Network.Connect(bureau, bureauKey);
        var grpc = await ServiceNetwork.FailureOf(() => bureauClient.Licences.FetchAsync(new FetchLicenceRequest { Id = issued.LicenceId }).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, $"denied: only the holder fetches licence {issued.LicenceId}"), (grpc.StatusCode, grpc.Detail));
        var (status, _) = await Rest.GetAsync(bureauClient.Http, $"/v1/licences/{issued.LicenceId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);

        var denials = await ServiceNetwork.EventuallyAsync(
            async () => (await Network.Ledger.TrailAsync(new GovChain.Ledger.Transport.TrailRequest(new GovChain.Ledger.Storage.TrailQuery(GovChain.Ledger.Storage.TrailIndex.Subject, holder)))).Bundle.Records
                .Select(r => GovChain.Ledger.Application.LedgerTransaction.Decode(r.Record).Payload)
                .OfType<GovChain.Ledger.Application.RecordDenial>().Count(d => d.Operation == "Licences/Fetch" && d.Requester == bureau),
            count => count >= 2);
        Assert.Equal(2, denials);
    }

    [Fact]
    public async Task A_tampered_or_truncated_token_does_not_verify()
    {
        var (holder, key, bureau, bureauKey, issued) = await IssueLicenceAsync();
        using var holderClient = Network.Connect(holder, key);
        var (envelope, document) = OpenLicence(await holderClient.Licences.FetchAsync(new FetchLicenceRequest { Id = issued.LicenceId }), key);
        var token = PresentLicence(key, envelope, document, bureau);
        var bytes = Base64Url.DecodeFromChars(token.AsSpan(LicenceDisclosure.TokenPrefix.Length));
        bytes[bytes.AsSpan().IndexOf("Li Si"u8)] = (byte)'X';

        using var bureauClient = Network.Connect(bureau, bureauKey);
        var tampered = await bureauClient.Licences.VerifyAsync(new VerifyLicenceRequest { Token = LicenceDisclosure.TokenPrefix + Base64Url.EncodeToString(bytes) });
        Assert.False(tampered.Valid);
        Assert.False((await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.VerificationAsync(tampered.VerificationId)))!.ProofValid);

        var truncated = await ServiceNetwork.FailureOf(() => bureauClient.Licences.VerifyAsync(new VerifyLicenceRequest { Token = token[..40] }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, truncated.StatusCode);
        Assert.StartsWith("token: ", truncated.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_licence_verifies_as_revoked_and_only_the_issuer_revokes()
    {
        var (holder, key, bureau, bureauKey, issued) = await IssueLicenceAsync();
        using var holderClient = Network.Connect(holder, key);
        var (envelope, document) = OpenLicence(await holderClient.Licences.FetchAsync(new FetchLicenceRequest { Id = issued.LicenceId }), key);
        var denied = await ServiceNetwork.FailureOf(() => holderClient.Licences.RevokeAsync(new RevokeLicenceRequest { Id = issued.LicenceId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        using var agency = Network.ConnectAgency();
        var (status, body) = await Rest.PostAsync(agency.Http, $"/v1/licences/{issued.LicenceId}/revoke", new RevokeLicenceRequest { Id = issued.LicenceId });
        Assert.True(status == HttpStatusCode.OK, body);
        var again = await ServiceNetwork.FailureOf(() => agency.Licences.RevokeAsync(new RevokeLicenceRequest { Id = issued.LicenceId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        using var bureauClient = Network.Connect(bureau, bureauKey);
        var verdict = await bureauClient.Licences.VerifyAsync(new VerifyLicenceRequest { Token = PresentLicence(key, envelope, document, bureau) });
        Assert.False(verdict.Valid);
        Assert.Equal("revoked", verdict.Status);
        Assert.True(verdict.Record.HasRevokedAt);
    }

    [Fact]
    public async Task Only_an_agency_issues_and_unknown_holders_or_licences_are_not_found()
    {
        var (bureau, bureauKey) = await Network.RegisterAsync(Role.Bureau, "bank");
        using var bureauClient = Network.Connect(bureau, bureauKey);
        var request = new IssueLicenceRequest { Holder = bureau, Type = "business-licence", Number = "1", HolderName = "x", ValidDays = 1 };
        var denied = await ServiceNetwork.FailureOf(() => bureauClient.Licences.IssueAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        using var agency = Network.ConnectAgency();
        var unknown = await ServiceNetwork.FailureOf(() => agency.Licences.IssueAsync(new IssueLicenceRequest
        {
            Holder = "nobody-" + Guid.NewGuid().ToString("N")[..6], Type = "business-licence", Number = "1", HolderName = "x", ValidDays = 1,
        }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var (status, _) = await Rest.GetAsync(agency.Http, "/v1/licences/lic-none");
        Assert.Equal(HttpStatusCode.NotFound, status);
        var badDays = await ServiceNetwork.FailureOf(() => agency.Licences.IssueAsync(new IssueLicenceRequest
        {
            Holder = bureau, Type = "business-licence", Number = "1", HolderName = "x", ValidDays = 0,
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badDays.StatusCode);
    }
}
