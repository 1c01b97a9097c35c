using System.Text.Json.Nodes;
using GovChain.TestSupport;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.Wallet.Tests;

[Collection(CircuitsCollection.Name)]
public sealed class PredicateTests(CircuitsFixture fixture)
{
    private const long Today = 20261125;

    public static TheoryData<string, ulong[], string, string[], ulong[]> Passing => new()
    {
        { CredentialSchema.CreditProfile, [720, 180, 12, 1], CredentialSchema.ScoreAtLeast, ["threshold"], [600] },
        { CredentialSchema.CreditProfile, [600, 0, 0, 0], CredentialSchema.ScoreAtLeast, ["threshold"], [600] },
        { CredentialSchema.BirthDate, [19900615], CredentialSchema.AgeAtLeast, ["today", "min_age"], [Today, 18] },
        { CredentialSchema.BirthDate, [20081125], CredentialSchema.AgeAtLeast, ["today", "min_age"], [Today, 18] },
        { CredentialSchema.OverdueAmount, [0], CredentialSchema.ValueAtMost, ["maximum"], [1000] },
        { CredentialSchema.OverdueAmount, [1000], CredentialSchema.ValueAtMost, ["maximum"], [1000] },
        { CredentialSchema.TaxArrears, [0], CredentialSchema.FlagIsZero, [], [] },
    };

    public static TheoryData<string, ulong[], string, string[], ulong[]> Failing => new()
    {
        { CredentialSchema.CreditProfile, [599, 180, 12, 1], CredentialSchema.ScoreAtLeast, ["threshold"], [600] },
        { CredentialSchema.BirthDate, [20081126], CredentialSchema.AgeAtLeast, ["today", "min_age"], [Today, 18] },
        { CredentialSchema.OverdueAmount, [1001], CredentialSchema.ValueAtMost, ["maximum"], [1000] },
        { CredentialSchema.TaxArrears, [1], CredentialSchema.FlagIsZero, [], [] },
    };

    [Theory]
    [MemberData(nameof(Passing))]
    public void TrueStatementsProveAndVerify(string type, ulong[] attributes, string predicate, string[] names, ulong[] values)
    {
        var credential = Issue(type, attributes);
        var proof = fixture.Prover.Prove(credential, Request(predicate, names, values));
        Assert.Equal(new PredicateVerdict(true, "valid"), fixture.Verifier.Verify(proof, Today));

        var parsed = PredicateProof.FromJson(proof.ToJson());
        Assert.Equal(proof.ToJson(), parsed.ToJson());
        Assert.True(fixture.Verifier.Verify(parsed, Today).Valid);

        // The public signals reveal the commitment and parameters only.
        var publics = JsonNode.Parse(proof.PublicJson)!.AsArray().Select(n => n!.GetValue<string>()).ToArray();
        Assert.Equal([credential.Statement.Commitment, .. values.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture))], publics);
    }

    [Theory]
    [MemberData(nameof(Failing))]
    public void FalseStatementsHaveNoProof(string type, ulong[] attributes, string predicate, string[] names, ulong[] values)
    {
        var credential = Issue(type, attributes);
        var e = Assert.Throws<PredicateUnsatisfiableException>(() => fixture.Prover.Prove(credential, Request(predicate, names, values)));
        Assert.StartsWith("no proof exists for " + predicate, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProofAgainstAnotherThresholdIsInvalid()
    {
        var proof = fixture.Prover.Prove(Issue(CredentialSchema.CreditProfile, [720, 1, 1, 1]), Request(CredentialSchema.ScoreAtLeast, ["threshold"], [600]));
        var claimed = new PredicateProof(proof.Statement, proof.Predicate, new Dictionary<string, ulong> { ["threshold"] = 700 }, proof.ProofJson, proof.PublicJson);
        Assert.Contains("public signals", fixture.Verifier.Verify(claimed, Today).Reason, StringComparison.Ordinal);

        var publics = JsonNode.Parse(proof.PublicJson)!.AsArray();
        publics[1] = "700";
        var relabelled = new PredicateProof(proof.Statement, proof.Predicate, claimed.Parameters, proof.ProofJson, publics.ToJsonString());
        Assert.Equal(new PredicateVerdict(false, "the Groth16 proof does not verify"), fixture.Verifier.Verify(relabelled, Today));
    }

    [Fact]
    public void ProofMovedToAnotherCredentialIsInvalid()
    {
        var proof = fixture.Prover.Prove(Issue(CredentialSchema.CreditProfile, [720, 1, 1, 1]), Request(CredentialSchema.ScoreAtLeast, ["threshold"], [600]));
        var other = Issue(CredentialSchema.CreditProfile, [500, 1, 1, 1]).Statement;
        var publics = JsonNode.Parse(proof.PublicJson)!.AsArray();
        publics[0] = other.Commitment;
        var moved = new PredicateProof(other, proof.Predicate, proof.Parameters, proof.ProofJson, publics.ToJsonString());
        Assert.False(fixture.Verifier.Verify(moved, Today).Valid);
    }

    [Fact]
    public void TamperedOrTruncatedProofsAreInvalidNotExceptions()
    {
        var proof = fixture.Prover.Prove(Issue(CredentialSchema.TaxArrears, [0]), Request(CredentialSchema.FlagIsZero, [], []));
        var node = JsonNode.Parse(proof.ProofJson)!.AsObject();
        var a = node["pi_a"]!.AsArray();

        var swapped = JsonNode.Parse(proof.ProofJson)!.AsObject();
        swapped["pi_a"] = JsonNode.Parse(node["pi_c"]!.ToJsonString());
        swapped["pi_c"] = JsonNode.Parse(a.ToJsonString());

        var offCurve = JsonNode.Parse(proof.ProofJson)!.AsObject();
        offCurve["pi_a"]![0] = "1";

        var truncated = JsonNode.Parse(proof.ProofJson)!.AsObject();
        truncated.Remove("pi_c");

        foreach (var bad in new[] { swapped, offCurve, truncated })
        {
            var tampered = new PredicateProof(proof.Statement, proof.Predicate, proof.Parameters, bad.ToJsonString(), proof.PublicJson);
            var verdict = fixture.Verifier.Verify(tampered, Today);
            Assert.False(verdict.Valid);
            Assert.NotEqual("valid", verdict.Reason);
        }

        var shortPublics = new PredicateProof(proof.Statement, proof.Predicate, proof.Parameters, proof.ProofJson, "[]");
        Assert.False(fixture.Verifier.Verify(shortPublics, Today).Valid);
        Assert.Throws<WalletFormatException>(() => PredicateProof.FromJson(proof.ToJson()[..^10]));
        Assert.Throws<WalletFormatException>(() => PredicateProof.FromJson(proof.ToJson().Replace("\"public\": [", "\"public\": 7, \"x\": [", StringComparison.Ordinal)));
    }

    [Fact]
    public void StatementAndRequestMustAgree()
    {
        var credential = Issue(CredentialSchema.BirthDate, [19900615]);
        var proof = fixture.Prover.Prove(credential, Request(CredentialSchema.AgeAtLeast, ["today", "min_age"], [Today, 18]));
        Assert.Contains("not today", fixture.Verifier.Verify(proof, Today + 1).Reason, StringComparison.Ordinal);

        var forged = new CredentialStatement(proof.Statement.Id, proof.Statement.Type, proof.Statement.Issuer, TestKeys.Stranger.PublicKey.ToUncompressed(),
            proof.Statement.Holder, proof.Statement.Commitment, proof.Statement.IssuedAt, proof.Statement.Signature);
        var unsigned = new PredicateProof(forged, proof.Predicate, proof.Parameters, proof.ProofJson, proof.PublicJson);
        Assert.Contains("issuer's signature", fixture.Verifier.Verify(unsigned, Today).Reason, StringComparison.Ordinal);

        var wrongPredicate = new PredicateProof(proof.Statement, CredentialSchema.FlagIsZero, new Dictionary<string, ulong>(), proof.ProofJson, proof.PublicJson);
        Assert.False(fixture.Verifier.Verify(wrongPredicate, Today).Valid);

        Assert.Throws<WalletFormatException>(() => fixture.Prover.Prove(credential, Request(CredentialSchema.ScoreAtLeast, ["threshold"], [1])));
        Assert.Throws<WalletFormatException>(() => Request(CredentialSchema.AgeAtLeast, ["today"], [Today]));
        Assert.Throws<WalletFormatException>(() => Request("score-at-most", [], []));
        Assert.Throws<WalletFormatException>(() => fixture.Prover.Prove(credential, Request(CredentialSchema.AgeAtLeast, ["today", "min_age"], [20261399, 18])));
    }

    [Fact]
    public void SnarkjsAcceptsOurPredicateProofs()
    {
        // snarkjs is the independent judge: our proofs must verify there, and a relabelled one must not.
        var cases = new JsonArray();
        foreach (var row in Passing)
        {
            var (type, attributes, predicate, names, values) = ((string)row[0], (ulong[])row[1], (string)row[2], (string[])row[3], (ulong[])row[4]);
            var proof = fixture.Prover.Prove(Issue(type, attributes), Request(predicate, names, values));
            cases.Add(Case(proof, proof.PublicJson));
        }

        var last = fixture.Prover.Prove(Issue(CredentialSchema.CreditProfile, [720, 1, 1, 1]), Request(CredentialSchema.ScoreAtLeast, ["threshold"], [600]));
        var relabelled = JsonNode.Parse(last.PublicJson)!.AsArray();
        relabelled[1] = "700";
        cases.Add(Case(last, relabelled.ToJsonString()));

        var verdicts = JsonNode.Parse(Peers.RunScript("scripts/zk/verify.js", stdin: cases.ToJsonString()))!.AsArray().Select(v => v!.GetValue<bool>()).ToArray();
        Assert.Equal([.. Enumerable.Repeat(true, cases.Count - 1), false], verdicts);
    }

    private JsonObject Case(PredicateProof proof, string publicJson) => new()
    {
        ["vk"] = Path.Combine(fixture.Circuits.Directory, CredentialSchema.ForPredicate(proof.Predicate).Predicate.Circuit, "vk.json"),
        ["proof"] = JsonNode.Parse(proof.ProofJson),
        ["publicSignals"] = JsonNode.Parse(publicJson),
    };

    private static Credential Issue(string type, ulong[] attributes) =>
        Credential.Issue(TestKeys.Issuer, "agency-tax", "cred-" + type, type, "citizen-1", attributes, TestKeys.Now);

    private static PredicateRequest Request(string predicate, string[] names, ulong[] values) =>
        new(predicate, names.Zip(values).ToDictionary(p => p.First, p => p.Second));
}
