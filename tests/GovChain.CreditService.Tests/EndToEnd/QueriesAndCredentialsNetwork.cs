using GovChain.Crypto;
using GovChain.CreditService.Client;
using GovChain.CreditService.Data;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Hosting;
using GovChain.CreditService.Protos;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Xunit;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>
/// A <see cref="ServiceNetwork"/> prepared for the query and credential-family tests: a registered bureau, a citizen
/// whose data the agency-0 node holds (imported into its encrypted store while the node was stopped, as
/// `govchain service import` does), and a registered citizen the node holds no data on.
/// </summary>
public sealed class QueriesAndCredentialsNetwork : IAsyncLifetime
{
    /// <summary>The citizen's stored values scaled by hand with retail-credit-v1's published divisors and caps.</summary>
    public static readonly ulong[] RetailFeatures = [48, 0, 0, 96, 90, 1, 32, 0, 2];

    public static readonly string[] RetailCategories = ["court", "social-security", "tax", "utilities"];

    public ServiceNetwork Network { get; } = new();

    public string BureauId { get; private set; } = null!;

    public Sm2PrivateKey BureauKey { get; private set; } = null!;

    public string Citizen { get; } = ResidentIdNumber.Generate(new Random(21)).Value;

    public Sm2PrivateKey CitizenKey { get; } = Sm2PrivateKey.Generate();

    public string CitizenWithoutData { get; } = ResidentIdNumber.Generate(new Random(22)).Value;

    public Sm2PrivateKey CitizenWithoutDataKey { get; } = Sm2PrivateKey.Generate();

    public async Task InitializeAsync()
    {
        await Network.InitializeAsync();
        (BureauId, BureauKey) = await Network.RegisterAsync(Role.Bureau, "bureau");
        using (var agency = Network.ConnectAgency())
        {
            foreach (var (id, key) in new[] { (Citizen, CitizenKey), (CitizenWithoutData, CitizenWithoutDataKey) })
            {
                await agency.Participants.RegisterAsync(new RegisterParticipantRequest
                {
                    ParticipantId = id,
                    Role = Role.Subject,
                    PublicKey = ByteString.CopyFrom(key.PublicKey.ToUncompressed()),
                });
            }
        }

        Network.KillService();
        SubjectStoreLocation.Open(ServiceOptions.Load(Path.Combine(Network.ServiceDirectory, "service.json"))).PutAll(
        [
            Record("tax", ("annual_tax_paid_cny", 48_000), ("arrears_cny", 0), ("months_in_arrears", 0)),
            Record("social-security", ("months_contributed", 96), ("monthly_base_cny", 9_000)),
            Record("utilities", ("late_payments_12m", 1), ("monthly_bill_cny", 320)),
            Record("court", ("judgments", 0), ("enforcement_cny", 2_500)),
        ]);
        await Network.StartServiceAsync();
    }

    public Task DisposeAsync() => Network.DisposeAsync();

    /// <summary>The record once the independent validator has it (null only if it never appears).</summary>
    public static Task<T?> CommittedAsync<T>(Func<Task<T?>> read)
        where T : class => ServiceNetwork.EventuallyAsync(read, r => r is not null);

    public CreditServiceClient ConnectBureau() => Network.Connect(BureauId, BureauKey);

    public CreditServiceClient ConnectCitizen() => Network.Connect(Citizen, CitizenKey);

    /// <summary>The citizen (or <paramref name="subjectKey"/>'s subject) grants the bureau a consent through the node, signed as its wallet would.</summary>
    /// <param name="lifetime">How long from now the consent lasts (default 30 days).</param>
    public async Task<string> GrantConsentAsync(string[] categories, string? subject = null, Sm2PrivateKey? subjectKey = null, TimeSpan? lifetime = null)
    {
        var id = "consent-" + Guid.NewGuid().ToString("N")[..12];
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var grant = new GrantConsent(id, BureauId, "loan application", [.. categories.Order(StringComparer.Ordinal)], DataClassification.Important, now - 600,
            now + (long)(lifetime ?? TimeSpan.FromDays(30)).TotalSeconds);
        var key = subjectKey ?? CitizenKey;
        using var client = Network.Connect(subject ?? Citizen, key);
        var reply = await client.Consents.GrantAsync(new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(await Network.SignAsWalletAsync(key, grant)) });
        Assert.Equal(id, reply.ConsentId);
        return id;
    }

    public async Task RevokeConsentAsync(string consentId)
    {
        using var client = ConnectCitizen();
        await client.Consents.RevokeAsync(new RelayConsentRequest
        {
            SignedTransaction = ByteString.CopyFrom(await Network.SignAsWalletAsync(CitizenKey, new RevokeConsent(consentId))),
        });
    }

    private SubjectRecord Record(string category, params (string Field, long Value)[] values) =>
        new(Citizen, category, values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal));
}
