using GovChain.CreditService.Client;
using GovChain.CreditService.Data;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.Cli.Demo;

/// <summary>
/// Everything the demo's stages share: the network, the synthetic population with a key per subject, the bureau and
/// the auditor, signed clients of each agency's service node, and the report. Keys derive from the seed, so the same
/// seed replays the same people, data and decisions.
/// </summary>
internal sealed class DemoContext : IDisposable
{
    public const string Bureau = "bureau-1";
    public const string Auditor = "auditor-1";

    private readonly Dictionary<(int Agency, string Actor), CreditServiceClient> clients = [];
    private readonly Dictionary<string, Sm2PrivateKey> keys = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public DemoContext(DemoNetwork network, SyntheticPopulation population, DemoReport report, int seed, string directory)
    {
        Network = network;
        Population = population;
        Report = report;
        Seed = seed;
        Directory = directory;
        Random = new Random(seed);
    }

    public DemoNetwork Network { get; }

    public SyntheticPopulation Population { get; }

    public DemoReport Report { get; }

    public int Seed { get; }

    public string Directory { get; }

    public Random Random { get; }

    public Hash32 ChainId => Network.Trust.ChainId;

    public IEnumerable<SyntheticSubject> Citizens => Population.Subjects.Where(s => s.Kind == SubjectKind.Citizen);

    public IEnumerable<SyntheticSubject> Enterprises => Population.Subjects.Where(s => s.Kind == SubjectKind.Enterprise);

    public DemoAgency MarketRegulation => Network.Agencies[0];

    public DemoAgency PublicSecurity => Network.Agencies[1];

    public DemoAgency Taxation => Network.Agencies[2];

    /// <summary>The SM2 key of a participant: an agency's genesis key from its file, anyone else's derived from the seed.</summary>
    public Sm2PrivateKey Key(string participant)
    {
        lock (gate)
        {
            if (!keys.TryGetValue(participant, out var key))
            {
                var agency = Network.Agencies.FirstOrDefault(a => a.Id == participant);
                key = agency is not null ? Sm2PrivateKey.FromPem(File.ReadAllText(agency.Options.AgencyKeyFile)) : Derive(participant);
                keys[participant] = key;
            }

            return key;
        }
    }

    /// <summary>A client of <paramref name="agency"/>'s service node that signs every request as <paramref name="actor"/>.</summary>
    public CreditServiceClient Client(DemoAgency agency, string actor)
    {
        ArgumentNullException.ThrowIfNull(agency);
        lock (gate)
        {
            if (!clients.TryGetValue((agency.Index, actor), out var client))
            {
                client = CreditServiceClient.Connect(agency.Grpc, agency.Rest, actor, Key(actor));
                clients[(agency.Index, actor)] = client;
            }

            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private Sm2PrivateKey Derive(string participant)
    {
        var scalar = Sm3.HashData(System.Text.Encoding.UTF8.GetBytes($"govchain-demo/{Seed}/{participant}"));
        scalar[0] &= 0x7f; // below the group order, and non-zero with overwhelming probability
        return Sm2PrivateKey.FromScalar(scalar);
    }
}
