using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.CreditService.Protos;
using GovChain.Wallet.Documents;
using Grpc.Core;
using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>
/// (Part of <see cref="FeaturesEndToEndTests"/>.) Credentials issued by a real node from its imported data, proved by the wallet's prover, verified by the node for a
/// bureau and recorded on the ledger; status and revocation over gRPC and REST.
/// </summary>
public sealed partial class FeaturesEndToEndTests
{
    private static readonly Lazy<PredicateProver> Prover = new(() => new PredicateProver());

    private async Task<(IssueCredentialReply Reply, Credential Credential)> IssueCreditProfileAsync()
    {
        using var citizen = fixture.ConnectCitizen();
        var reply = await citizen.Credentials.IssueAsync(new IssueCredentialRequest { Holder = fixture.Citizen, Type = CredentialSchema.CreditProfile });
        var json = Encoding.UTF8.GetString(fixture.CitizenKey.Decrypt(Sm2Ciphertext.Decode(reply.SealedCredential.Span)));
        return (reply, Credential.FromJson(json));
    }

    private static string Prove(Credential credential, ulong threshold) => Prover.Value.Prove(credential,
        new PredicateRequest(CredentialSchema.ScoreAtLeast, new Dictionary<string, ulong> { ["threshold"] = threshold })).ToJson();

    [Fact]
    public async Task An_issued_credential_is_sealed_to_the_holder_registered_and_readable_over_rest()
    {
        var (reply, credential) = await IssueCreditProfileAsync();
        Assert.Equal([640UL, 108UL, 8UL, 0UL], credential.Attributes);
        Assert.True(credential.VerifyOpening());
        Assert.Equal(credential.Statement.ToJson(), reply.StatementJson);
        var record = await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.CredentialAsync(reply.CredentialId));
        Assert.Equal((Network.AgencyId, fixture.Citizen, credential.Statement.ContentHash), (record!.Issuer, record.Holder, record.ContentHash));

        using var bureau = fixture.ConnectBureau();
        var (status, body) = await Rest.GetAsync(bureau.Http, $"/v1/credentials/{reply.CredentialId}");
        Assert.Equal(HttpStatusCode.OK, status);
        var info = Rest.Parse<CredentialRecordInfo>(body);
        Assert.Equal(("active", "credential", credential.Statement.ContentHash.ToString()), (info.Status, info.Kind, info.ContentHash));
    }

    [Fact]
    public async Task A_proof_verifies_over_grpc_and_rest_and_every_verification_is_recorded()
    {
        var (_, credential) = await IssueCreditProfileAsync();
        var proof = Prove(credential, 600);
        using var bureau = fixture.ConnectBureau();
        var grpc = await bureau.Proofs.VerifyAsync(new VerifyProofRequest { ProofJson = proof });
        Assert.True(grpc.Valid, grpc.Reason);
        Assert.Equal("active", grpc.CredentialStatus);
        var recorded = await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.VerificationAsync(grpc.VerificationId));
        Assert.Equal((true, fixture.BureauId, "active"), (recorded!.ProofValid, recorded.Verifier, recorded.CredentialStatus));

        var (status, body) = await Rest.PostAsync(bureau.Http, "/v1/proofs/verify", new VerifyProofRequest { ProofJson = proof, VerificationId = "verif-rest-" + Guid.NewGuid().ToString("N")[..8] });
        Assert.True(status == HttpStatusCode.OK, body);
        var rest = Rest.Parse<VerifyProofReply>(body);
        Assert.True(rest.Valid, rest.Reason);
        Assert.NotNull(await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.VerificationAsync(rest.VerificationId)));
    }

    [Fact]
    public async Task A_proof_claimed_for_another_threshold_is_invalid_and_recorded_as_such()
    {
        var (_, credential) = await IssueCreditProfileAsync();
        var node = JsonNode.Parse(Prove(credential, 600))!;
        node["parameters"]!["threshold"] = 700;
        using var bureau = fixture.ConnectBureau();
        var reply = await bureau.Proofs.VerifyAsync(new VerifyProofRequest { ProofJson = node.ToJsonString() });
        Assert.False(reply.Valid);
        Assert.False((await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.VerificationAsync(reply.VerificationId)))!.ProofValid);
        Assert.Throws<PredicateUnsatisfiableException>(() => Prove(credential, 700));
    }

    [Fact]
    public async Task Malformed_proof_blobs_are_invalid_arguments_over_grpc_and_rest()
    {
        var (_, credential) = await IssueCreditProfileAsync();
        var proof = Prove(credential, 600);
        using var bureau = fixture.ConnectBureau();
        var grpc = await ServiceNetwork.FailureOf(() => bureau.Proofs.VerifyAsync(new VerifyProofRequest { ProofJson = proof[..(proof.Length / 2)] }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, grpc.StatusCode);
        Assert.StartsWith("proof_json: ", grpc.Detail, StringComparison.Ordinal);

        var (status, body) = await Rest.PostAsync(bureau.Http, "/v1/proofs/verify", new VerifyProofRequest { ProofJson = "{\"statement\": 42}" });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("proof_json", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_issuer_revokes_and_a_revoked_credential_fails_verification()
    {
        var (reply, credential) = await IssueCreditProfileAsync();
        var proof = Prove(credential, 600);
        using var bureau = fixture.ConnectBureau();
        var denied = await ServiceNetwork.FailureOf(() => bureau.Credentials.RevokeAsync(new RevokeCredentialRequest { Id = reply.CredentialId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        using var agency = Network.ConnectAgency();
        var (status, body) = await Rest.PostAsync(agency.Http, $"/v1/credentials/{reply.CredentialId}/revoke", new RevokeCredentialRequest { Id = reply.CredentialId });
        Assert.True(status == HttpStatusCode.OK, body);
        var info = await bureau.Credentials.StatusAsync(new CredentialStatusRequest { Id = reply.CredentialId });
        Assert.Equal("revoked", info.Status);
        Assert.True(info.HasRevokedAt);

        var verdict = await bureau.Proofs.VerifyAsync(new VerifyProofRequest { ProofJson = proof });
        Assert.False(verdict.Valid);
        Assert.Equal("revoked", verdict.CredentialStatus);
        Assert.Equal("revoked", (await QueriesAndCredentialsNetwork.CommittedAsync(() => Network.Ledger.VerificationAsync(verdict.VerificationId)))!.CredentialStatus);
    }

    [Fact]
    public async Task Unknown_holders_and_credentials_are_not_found()
    {
        using var agency = Network.ConnectAgency();
        var holder = await ServiceNetwork.FailureOf(() => agency.Credentials.IssueAsync(new IssueCredentialRequest { Holder = "110101199001011237", Type = CredentialSchema.TaxArrears }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, holder.StatusCode);

        var (status, body) = await Rest.GetAsync(agency.Http, "/v1/credentials/cred-none");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no credential cred-none", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_subject_may_not_ask_for_the_holders_credential()
    {
        using var other = Network.Connect(fixture.CitizenWithoutData, fixture.CitizenWithoutDataKey);
        var status = await ServiceNetwork.FailureOf(() => other.Credentials.IssueAsync(new IssueCredentialRequest { Holder = fixture.Citizen, Type = CredentialSchema.CreditProfile }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.StartsWith("denied: only the holder", status.Detail, StringComparison.Ordinal);
    }
}
