using System.Globalization;
using GovChain.CreditService.Protos;
using GovChain.Wallet.Documents;

namespace GovChain.Cli.Demo;

/// <summary>
/// Zero-knowledge predicates over the network. Citizens prove "credit score ≥ 600" and "aged 18 or over" from their
/// credentials with Groth16 (circom circuits, snarkjs keys); bureau-1 has the agency's node check the issuer's
/// signature, the proof and the credential's ledger status, and every check is recorded. Then the failures: a
/// statement that is false has no proof at all, a proof replayed against another threshold is invalid, and a proof
/// from a revoked credential is refused.
/// </summary>
internal static class PredicateStage
{
    private const string Stage = "zero-knowledge predicates";
    private const ulong Threshold = 600;
    private static int verifications;

    public static async Task RunAsync(DemoContext demo, DemoHoldings holdings)
    {
        using var prover = new PredicateProver();
        var today = ulong.Parse(DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var profiles = demo.Citizens.Select(c => holdings.Credentials[(c.Id, "credit-profile")]).ToList();
        var passing = profiles.Where(c => c.Attributes[0] >= Threshold).Take(4).ToList();
        var verified = 0;
        PredicateProof? sample = null;
        foreach (var credential in passing)
        {
            var proof = prover.Prove(credential, new PredicateRequest("score-at-least", new Dictionary<string, ulong> { ["threshold"] = Threshold }));
            sample ??= proof;
            verified += await VerifyAsync(demo, proof, credential.Statement.Holder, "score ≥ 600") ? 1 : 0;
        }

        demo.Report.Add(Stage, $"{passing.Count} citizens prove credit score ≥ 600; bureau-1 verifies", passing.Count > 0 && verified == passing.Count,
            "valid: issuer signature, Groth16 proof and ledger status; the bureau learns only the commitment and 600");

        var adult = holdings.Credentials[(demo.Citizens.First().Id, "birth-date")];
        var ageProof = prover.Prove(adult, new PredicateRequest("age-at-least", new Dictionary<string, ulong> { ["today"] = today, ["min_age"] = 18 }));
        demo.Report.Add(Stage, $"{adult.Statement.Holder} proves age ≥ 18 to bureau-1", await VerifyAsync(demo, ageProof, adult.Statement.Holder, "age ≥ 18", demo.PublicSecurity),
            "the birth date stays in the wallet");

        var low = profiles.MinBy(c => c.Attributes[0])!;
        var unreachable = Math.Max(Threshold, low.Attributes[0] + 1);
        string refusal;
        try
        {
            prover.Prove(low, new PredicateRequest("score-at-least", new Dictionary<string, ulong> { ["threshold"] = unreachable }));
            refusal = string.Empty;
        }
        catch (PredicateUnsatisfiableException e)
        {
            refusal = e.Message;
        }

        demo.Report.Add(Stage, $"{low.Statement.Holder} tries to prove score ≥ {unreachable}", refusal.Length > 0,
            refusal.Length > 0 ? "no proof exists for a false statement: " + Short(refusal) : "a proof was produced");

        if (sample is not null)
        {
            var replayed = new PredicateProof(sample.Statement, sample.Predicate, new Dictionary<string, ulong> { ["threshold"] = 500 }, sample.ProofJson, sample.PublicJson);
            var accepted = await VerifyAsync(demo, replayed, sample.Statement.Holder, "replayed at threshold 500");
            demo.Report.Add(Stage, "the same proof presented for threshold 500", !accepted, "invalid: the public inputs are bound to the proof (recorded as an invalid verification)");

            var revokedId = sample.Statement.Id;
            var revoke = await demo.Client(demo.Taxation, demo.Taxation.Id).Credentials.RevokeAsync(new RevokeCredentialRequest { Id = revokedId });
            demo.Report.Recorded("credential revoked", revokedId, sample.Statement.Holder, revoke.Height, revoke.Leaf, "ok");
            var afterRevocation = await VerifyAsync(demo, sample, sample.Statement.Holder, "after revocation");
            demo.Report.Add(Stage, "the taxation agency revokes that credential; the proof is presented again", !afterRevocation,
                "refused: the ledger shows the credential revoked");
        }
    }

    private static async Task<bool> VerifyAsync(DemoContext demo, PredicateProof proof, string holder, string what, DemoAgency? at = null)
    {
        var verificationId = $"v-{demo.Seed}-{holder}-{Interlocked.Increment(ref verifications)}";
        var reply = await demo.Client(at ?? demo.Taxation, DemoContext.Bureau).Proofs.VerifyAsync(new VerifyProofRequest { ProofJson = proof.ToJson(), VerificationId = verificationId });
        demo.Report.Recorded("proof verification", reply.VerificationId, holder, reply.Height, reply.Leaf, $"{what}: {(reply.Valid ? "valid" : "invalid")} ({reply.Reason}), credential {reply.CredentialStatus}");
        return reply.Valid;
    }

    private static string Short(string message) => message.Length <= 80 ? message : message[..80] + "…";
}
