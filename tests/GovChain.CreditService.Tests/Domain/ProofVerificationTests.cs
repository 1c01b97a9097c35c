using System.Text;
using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.CreditService.Domain;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

/// <summary>Issuance by the service, a proof made by the wallet's prover, verification by the service, over the real contracts.</summary>
public sealed class ProofVerificationTests : IClassFixture<ProofVerificationTests.Circuits>, IDisposable
{
    private readonly FeatureWorld world = new();
    private readonly Circuits circuits;
    private readonly ProofVerification verification;

    public ProofVerificationTests(Circuits circuits)
    {
        this.circuits = circuits;
        verification = new ProofVerification(world.Ledger, circuits.Verifier, world.Clock);
    }

    public void Dispose() => world.Dispose();

    private async Task<(Credential Credential, PredicateProof Proof)> ProveScoreAtLeast(ulong threshold)
    {
        var issued = await world.Credentials.IssueAsync(world.Holder, world.Subject, CredentialSchema.CreditProfile, default);
        var credential = Credential.FromJson(Encoding.UTF8.GetString(world.SubjectKey.Decrypt(Sm2Ciphertext.Decode(issued.SealedCredential))));
        var proof = circuits.Prover.Prove(credential, new PredicateRequest(CredentialSchema.ScoreAtLeast, new Dictionary<string, ulong> { ["threshold"] = threshold }));
        return (credential, proof);
    }

    [Fact]
    public async Task AProofOfAnActiveCredentialIsValidAndRecorded()
    {
        var (credential, proof) = await ProveScoreAtLeast(600);
        var outcome = await verification.VerifyAsync(world.Bureau, proof.ToJson(), "verif-1", default);
        Assert.True(outcome.Valid, outcome.Reason);
        Assert.Equal("active", outcome.Status);
        var record = await world.Ledger.VerificationAsync("verif-1");
        Assert.NotNull(record);
        Assert.True(record.ProofValid);
        Assert.Equal(FeatureWorld.BureauId, record.Verifier);
        Assert.Equal(credential.Statement.ContentHash, record.StatementHash);
    }

    [Fact]
    public async Task AProofPresentedForAnotherThresholdIsInvalidAndRecordedAsSuch()
    {
        var (_, proof) = await ProveScoreAtLeast(600);
        var node = JsonNode.Parse(proof.ToJson())!;
        node["parameters"]!["threshold"] = 650;
        var outcome = await verification.VerifyAsync(world.Bureau, node.ToJsonString(), "verif-2", default);
        Assert.False(outcome.Valid);
        Assert.Contains("public signals", outcome.Reason, StringComparison.Ordinal);
        Assert.False((await world.Ledger.VerificationAsync("verif-2"))!.ProofValid);
    }

    [Fact]
    public async Task ATamperedProofIsInvalid()
    {
        var (_, proof) = await ProveScoreAtLeast(600);
        var node = JsonNode.Parse(proof.ToJson())!;
        var a = node["proof"]!["pi_a"]!.AsArray();
        a[0] = node["proof"]!["pi_c"]![0]!.GetValue<string>();
        var outcome = await verification.VerifyAsync(world.Bureau, node.ToJsonString(), null, default);
        Assert.False(outcome.Valid);
    }

    [Fact]
    public async Task ARevokedCredentialMakesTheProofInvalidWithStatusRevoked()
    {
        var (credential, proof) = await ProveScoreAtLeast(600);
        await world.Credentials.RevokeAsync(world.Agency, credential.Statement.Id, default);
        var outcome = await verification.VerifyAsync(world.Bureau, proof.ToJson(), null, default);
        Assert.False(outcome.Valid);
        Assert.Equal("revoked", outcome.Status);
        Assert.Contains("revoked", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal("revoked", (await world.Ledger.VerificationAsync(outcome.VerificationId))!.CredentialStatus);
    }

    [Fact]
    public async Task AStatementSignedByAnUnregisteredKeyIsInvalid()
    {
        var forged = Credential.Issue(Sm2PrivateKey.Generate(), FeatureWorld.AgencyId, "cred-forged", CredentialSchema.CreditProfile, world.Subject,
            [900, 500, 20, 0], world.Now);
        var proof = circuits.Prover.Prove(forged, new PredicateRequest(CredentialSchema.ScoreAtLeast, new Dictionary<string, ulong> { ["threshold"] = 800 }));
        var outcome = await verification.VerifyAsync(world.Bureau, proof.ToJson(), null, default);
        Assert.False(outcome.Valid);
        Assert.Contains("registered key", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal("unknown", outcome.Status);
    }

    [Fact]
    public async Task ARetryUnderTheSameVerificationIdRecordsOnce()
    {
        var (_, proof) = await ProveScoreAtLeast(600);
        var first = await verification.VerifyAsync(world.Bureau, proof.ToJson(), "verif-again", default);
        var second = await verification.VerifyAsync(world.Bureau, proof.ToJson(), "verif-again", default);
        Assert.True(first.Valid);
        Assert.True(second.Valid);
        Assert.Equal(-1, second.Leaf);
    }

    [Fact]
    public async Task ASubjectCannotActAsVerifier()
    {
        var (_, proof) = await ProveScoreAtLeast(600);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => verification.VerifyAsync(world.Other, proof.ToJson(), null, default));
        Assert.Contains("only a bureau or an agency", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("{\"statement\":{}}")]
    [InlineData("[1,2,3]")]
    public async Task MalformedProofJsonNamesTheField(string json)
    {
        var before = world.Ledger.TransactionCount;
        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => verification.VerifyAsync(world.Bureau, json, null, default));
        Assert.Equal("proof_json", ex.Field);
        Assert.Equal(before, world.Ledger.TransactionCount);
    }

    [Fact]
    public async Task ATruncatedProofIsMalformed()
    {
        var (_, proof) = await ProveScoreAtLeast(600);
        var json = proof.ToJson();
        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => verification.VerifyAsync(world.Bureau, json[..(json.Length / 2)], null, default));
        Assert.Equal("proof_json", ex.Field);
    }

    /// <summary>The circuits loaded once per class: proving keys are large.</summary>
    public sealed class Circuits : IDisposable
    {
        public PredicateProver Prover { get; } = new();

        public PredicateVerifier Verifier { get; } = new();

        public void Dispose()
        {
            Prover.Dispose();
            Verifier.Dispose();
        }
    }
}
