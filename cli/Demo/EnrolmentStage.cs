using System.Collections.Concurrent;
using GovChain.CreditService.Data;
using GovChain.CreditService.Protos;
using GovChain.Wallet.Documents;
using Google.Protobuf;

namespace GovChain.Cli.Demo;

/// <summary>
/// Identity and credentials over the network: market regulation registers the bureau and the auditor; every citizen
/// and enterprise registers itself with a wallet-signed transaction; the taxation agency issues each citizen a
/// credit-profile credential and public security a birth-date credential (both sealed to the holder's key); market
/// regulation issues each enterprise an e-licence.
/// </summary>
internal static class EnrolmentStage
{
    private const string Stage = "identity and credentials";

    public static async Task<DemoHoldings> RunAsync(DemoContext demo)
    {
        await RegisterAsync(demo).ConfigureAwait(false);
        return await IssueAllAsync(demo).ConfigureAwait(false);
    }

    /// <summary>The bureau and auditor (by market regulation), then every subject (by itself).</summary>
    public static async Task RegisterAsync(DemoContext demo)
    {
        var registrar = demo.Client(demo.MarketRegulation, demo.MarketRegulation.Id);
        foreach (var (id, role) in new[] { (DemoContext.Bureau, Role.Bureau), (DemoContext.Auditor, Role.Auditor) })
        {
            var reply = await registrar.Participants.RegisterAsync(new RegisterParticipantRequest
            {
                ParticipantId = id, Role = role, PublicKey = ByteString.CopyFrom(demo.Key(id).PublicKey.ToUncompressed()),
            });
            demo.Report.Recorded("register", id, string.Empty, reply.Receipt.Height, reply.Receipt.Leaf, reply.Receipt.Reason);
        }

        demo.Report.Add(Stage, "market regulation registers bureau-1 and auditor-1", true, "agency-signed RegisterParticipant records");

        var registered = 0;
        await Parallel.ForEachAsync(demo.Population.Subjects, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (subject, cancel) =>
        {
            var agency = demo.Network.Agencies[subject.Id[^2] % demo.Network.Agencies.Count]; // spread over the nodes, the same way every run
            var transaction = ConsentBuilder.Register(demo.Key(subject.Id), demo.ChainId, subject.Id).Encode();
            var reply = await demo.Client(agency, subject.Id).Participants.RegisterAsync(new RegisterParticipantRequest
            {
                ParticipantId = subject.Id, Role = Role.Subject, PublicKey = ByteString.CopyFrom(demo.Key(subject.Id).PublicKey.ToUncompressed()),
                SignedTransaction = ByteString.CopyFrom(transaction),
            }, cancellationToken: cancel);
            demo.Report.Recorded("register", subject.Id, subject.Id, reply.Receipt.Height, reply.Receipt.Leaf, reply.Receipt.Reason);
            Interlocked.Increment(ref registered);
        });
        demo.Report.Add(Stage, $"{demo.Citizens.Count()} citizens and {demo.Enterprises.Count()} enterprises register themselves",
            registered == demo.Population.Subjects.Count, "wallet-signed registrations relayed by the service nodes; IDs carry valid GB 11643 / GB 32100 check digits");
    }

    private static async Task<DemoHoldings> IssueAllAsync(DemoContext demo)
    {
        var holdings = new DemoHoldings();
        await Parallel.ForEachAsync(demo.Citizens, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (citizen, cancel) =>
        {
            holdings.Credentials[(citizen.Id, "credit-profile")] = await IssueAsync(demo, demo.Taxation, citizen.Id, "credit-profile", cancel);
            holdings.Credentials[(citizen.Id, "birth-date")] = await IssueAsync(demo, demo.PublicSecurity, citizen.Id, "birth-date", cancel);
        });
        var opened = holdings.Credentials.Values.Count(c => c.VerifyOpening() && c.Statement.VerifySignature());
        demo.Report.Add(Stage, "agencies issue credit-profile and birth-date credentials", opened == 2 * demo.Citizens.Count(),
            $"{opened} credentials: Poseidon commitments signed with SM2, sealed to each holder's key, opened and checked in the wallets");

        await Parallel.ForEachAsync(demo.Enterprises, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (enterprise, cancel) =>
        {
            var reply = await demo.Client(demo.MarketRegulation, demo.MarketRegulation.Id).Licences.IssueAsync(new IssueLicenceRequest
            {
                Holder = enterprise.Id, Type = "business-licence", Number = enterprise.Id, HolderName = enterprise.DisplayName, ValidDays = 365,
                Fields = { ["scope"] = "software development; technical services", ["registered_by"] = demo.MarketRegulation.Role.Name },
            }, cancellationToken: cancel);
            holdings.Licences[enterprise.Id] = reply.LicenceId;
            demo.Report.Recorded("licence issued", reply.LicenceId, enterprise.Id, reply.Height, reply.Leaf, "ok");
        });
        demo.Report.Add(Stage, "market regulation issues e-licences", holdings.Licences.Count == demo.Enterprises.Count(),
            $"{holdings.Licences.Count} licences: SM4-GCM sealed, key wrapped with SM2 for the holder, ciphertext hash on the ledger");
        return holdings;
    }

    private static async Task<Credential> IssueAsync(DemoContext demo, DemoAgency issuer, string holder, string type, CancellationToken cancel)
    {
        var reply = await demo.Client(issuer, holder).Credentials.IssueAsync(new IssueCredentialRequest { Holder = holder, Type = type }, cancellationToken: cancel);
        demo.Report.Recorded("credential issued", reply.CredentialId, holder, reply.Height, reply.Leaf, type);
        return SealedCredential.Open(reply.SealedCredential.Span, demo.Key(holder));
    }
}

/// <summary>What the subjects' wallets hold after enrolment.</summary>
internal sealed class DemoHoldings
{
    public ConcurrentDictionary<(string Holder, string Type), Credential> Credentials { get; } = new();

    public ConcurrentDictionary<string, string> Licences { get; } = new(StringComparer.Ordinal);
}
