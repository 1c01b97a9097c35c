using GovChain.CreditService.Protos;
using GovChain.Wallet.Documents;
using Grpc.Core;

namespace GovChain.Cli.Demo;

/// <summary>
/// E-licences: an enterprise fetches its sealed licence, unwraps the SM4 key with its SM2 key, checks and decrypts it,
/// and presents a short-lived signed disclosure (a QR code and a text token) to bureau-1, which has the issuer's node
/// verify it against the ledger. A tampered token, a stranger fetching someone else's licence, and a revoked licence
/// are each refused.
/// </summary>
internal static class LicenceStage
{
    private const string Stage = "e-licences";
    private static int verifications;

    public static async Task RunAsync(DemoContext demo, DemoHoldings holdings)
    {
        var enterprise = demo.Enterprises.First();
        var licenceId = holdings.Licences[enterprise.Id];
        var fetched = await demo.Client(demo.MarketRegulation, enterprise.Id).Licences.FetchAsync(new FetchLicenceRequest { Id = licenceId });
        var envelope = LicenceEnvelope.FromJson(fetched.EnvelopeJson);
        var document = envelope.Open(demo.Key(enterprise.Id), fetched.Blob.Span);
        demo.Report.Add(Stage, $"{enterprise.Id} fetches and opens its licence", document.HolderId == enterprise.Id,
            $"issuer signature, ciphertext hash and document hash checked; {document.Type} {document.Number} for {document.HolderName}");

        var expires = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        var token = LicenceDisclosure.Create(demo.Key(enterprise.Id), envelope, document, DemoContext.Bureau, expires).ToToken();
        var qr = Path.Combine(demo.Directory, "licence-disclosure.png");
        File.WriteAllBytes(qr, DisclosureQr.Png(token));
        var verdict = await VerifyAsync(demo, token, enterprise.Id);
        demo.Report.Add(Stage, "bureau-1 verifies the presented disclosure", verdict.Valid && verdict.Status == "active",
            $"{verdict.Reason}; ledger status {verdict.Status}; QR code {Path.GetFileName(qr)}, token {token.Length} characters");

        var tampered = token[..(token.Length / 2)] + (token[token.Length / 2] == 'A' ? 'B' : 'A') + token[((token.Length / 2) + 1)..];
        var forged = await VerifyAsync(demo, tampered, enterprise.Id);
        demo.Report.Add(Stage, "a token with one character changed", !forged.Valid, $"invalid: {forged.Reason}");

        try
        {
            await demo.Client(demo.MarketRegulation, DemoContext.Bureau).Licences.FetchAsync(new FetchLicenceRequest { Id = licenceId });
            demo.Report.Add(Stage, "bureau-1 tries to fetch the enterprise's licence", false, "the licence was handed out");
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.PermissionDenied)
        {
            demo.Report.Add(Stage, "bureau-1 tries to fetch the enterprise's licence", true, $"PERMISSION_DENIED \"{e.Status.Detail}\", recorded as a denied attempt");
        }

        var other = demo.Enterprises.Skip(1).First();
        var otherId = holdings.Licences[other.Id];
        var revoke = await demo.Client(demo.MarketRegulation, demo.MarketRegulation.Id).Licences.RevokeAsync(new RevokeLicenceRequest { Id = otherId });
        demo.Report.Recorded("licence revoked", otherId, other.Id, revoke.Height, revoke.Leaf, "ok");
        var otherFetched = await demo.Client(demo.MarketRegulation, other.Id).Licences.FetchAsync(new FetchLicenceRequest { Id = otherId });
        var otherEnvelope = LicenceEnvelope.FromJson(otherFetched.EnvelopeJson);
        var otherToken = LicenceDisclosure.Create(demo.Key(other.Id), otherEnvelope, otherEnvelope.Open(demo.Key(other.Id), otherFetched.Blob.Span), DemoContext.Bureau, expires).ToToken();
        var afterRevocation = await VerifyAsync(demo, otherToken, other.Id);
        demo.Report.Add(Stage, $"market regulation revokes {other.Id}'s licence; it is presented anyway", !afterRevocation.Valid && afterRevocation.Status == "revoked",
            $"refused: {afterRevocation.Reason}");
    }

    private static async Task<(bool Valid, string Reason, string Status)> VerifyAsync(DemoContext demo, string token, string holder)
    {
        var verificationId = $"lv-{demo.Seed}-{holder}-{Interlocked.Increment(ref verifications)}";
        try
        {
            var reply = await demo.Client(demo.MarketRegulation, DemoContext.Bureau).Licences.VerifyAsync(new VerifyLicenceRequest { Token = token, VerificationId = verificationId });
            demo.Report.Recorded("licence verification", reply.VerificationId, holder, reply.Height, reply.Leaf, $"{(reply.Valid ? "valid" : "invalid")}: {reply.Reason}");
            return (reply.Valid, reply.Reason, reply.Status);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            return (false, $"INVALID_ARGUMENT \"{e.Status.Detail}\"", "unknown");
        }
    }
}
