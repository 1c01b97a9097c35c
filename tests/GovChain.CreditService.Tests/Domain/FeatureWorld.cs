using GovChain.Crypto;
using GovChain.CreditService.Data;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

/// <summary>
/// One agency node's feature services over the real contracts (<see cref="InMemoryAuditLedger"/>): a registered
/// bureau, a registered citizen with data in every category the retail model reads, and actors to call as.
/// </summary>
public sealed class FeatureWorld : IDisposable
{
    public const string AgencyId = "agency-0";
    public const string BureauId = "bureau-1";

    private readonly TempDirectory dir = new();

    /// <param name="keys">A key registry shared across tests (parsing Galois keys is the slow part), or null for a fresh one.</param>
    public FeatureWorld(SealKeyRegistry? keys = null)
    {
        Clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        AgencyKey = Sm2PrivateKey.Generate();
        Ledger = new InMemoryAuditLedger(AgencyId, AgencyKey, Clock);
        Subject = ResidentIdNumber.Generate(new Random(11)).Value;
        OtherSubject = ResidentIdNumber.Generate(new Random(12)).Value;
        Register(BureauId, ParticipantRole.Bureau, BureauKey);
        SelfRegister(Subject, SubjectKey);
        SelfRegister(OtherSubject, OtherSubjectKey);
        Data.PutAll(
        [
            Record(Subject, "tax", ("annual_tax_paid_cny", 48_000), ("arrears_cny", 0), ("months_in_arrears", 0)),
            Record(Subject, "social-security", ("months_contributed", 96), ("monthly_base_cny", 9_000)),
            Record(Subject, "utilities", ("late_payments_12m", 1), ("monthly_bill_cny", 320)),
            Record(Subject, "court", ("judgments", 0), ("enforcement_cny", 2_500)),
        ]);
        Blobs = new BlobStore(Path.Combine(dir.Path, "blobs"));
        Keys = keys ?? new SealKeyRegistry(Blobs, Path.Combine(dir.Path, "keys"));
        Results = new QueryResultStore(Path.Combine(dir.Path, "query-results"));
        Queries = new QueryProcessor(Ledger, Models, new EncryptedQueryEngine(Keys), Results, Data, Clock);
        Credentials = new CredentialIssuance(Ledger, new AgencyIdentity(AgencyId, AgencyKey), Data, Clock);
        Licences = new LicenceIssuance(Ledger, new AgencyIdentity(AgencyId, AgencyKey), Blobs, new LicenceEnvelopeStore(Path.Combine(dir.Path, "licences")), Clock);
    }

    public ManualClock Clock { get; }

    public Sm2PrivateKey AgencyKey { get; }

    public Sm2PrivateKey BureauKey { get; } = Sm2PrivateKey.Generate();

    public Sm2PrivateKey SubjectKey { get; } = Sm2PrivateKey.Generate();

    public Sm2PrivateKey OtherSubjectKey { get; } = Sm2PrivateKey.Generate();

    public InMemoryAuditLedger Ledger { get; }

    public string Subject { get; }

    public string OtherSubject { get; }

    public InMemorySubjectStore Data { get; } = new();

    public ModelRegistry Models { get; } = ModelRegistry.CreateDefault();

    public BlobStore Blobs { get; }

    public SealKeyRegistry Keys { get; }

    public QueryResultStore Results { get; }

    public QueryProcessor Queries { get; }

    public CredentialIssuance Credentials { get; }

    public LicenceIssuance Licences { get; }

    /// <summary>A second processor over the same stores and another view of the ledger (a restarted node, a flaky link).</summary>
    public QueryProcessor QueriesOver(IAuditLedger ledger) => new(ledger, Models, new EncryptedQueryEngine(Keys), Results, Data, Clock);

    public long Now => Clock.GetUtcNow().ToUnixTimeSeconds();

    public VerifiedActor Bureau => Actor(BureauId, ParticipantRole.Bureau, BureauKey);

    public VerifiedActor Agency => Actor(AgencyId, ParticipantRole.Agency, AgencyKey);

    public VerifiedActor Holder => Actor(Subject, ParticipantRole.Subject, SubjectKey);

    public VerifiedActor Other => Actor(OtherSubject, ParticipantRole.Subject, OtherSubjectKey);

    /// <summary>A verified actor as the middleware would leave it, with a fresh request hash.</summary>
    public static VerifiedActor Actor(string id, ParticipantRole role, Sm2PrivateKey key) =>
        new(id, role, key.PublicKey.ToUncompressed(), Hash32.Compute(Guid.NewGuid().ToByteArray()));

    public void Register(string id, ParticipantRole role, Sm2PrivateKey key) =>
        Assert.True(Ledger.SubmitAsync(new RegisterParticipant(id, role, key.PublicKey.ToUncompressed())).Result.Accepted);

    public void SelfRegister(string id, Sm2PrivateKey key) =>
        Assert.True(Ledger.RelayAsync(Ledger.SignAs(key, new RegisterParticipant(id, ParticipantRole.Subject, key.PublicKey.ToUncompressed()))).Result.Accepted);

    /// <summary>The subject grants the bureau a consent (signed by the subject, as the wallet would).</summary>
    public string GrantConsent(string[] categories, DataClassification classification = DataClassification.Important, Sm2PrivateKey? subjectKey = null)
    {
        var id = "consent-" + Guid.NewGuid().ToString("N")[..12];
        var grant = new GrantConsent(id, BureauId, "loan application", [.. categories.Order(StringComparer.Ordinal)], classification, Now - 60, Now + (30 * 86_400));
        var receipt = Ledger.RelayAsync(Ledger.SignAs(subjectKey ?? SubjectKey, grant)).Result;
        Assert.True(receipt.Accepted, receipt.Reason);
        return id;
    }

    public void RevokeConsent(string consentId) =>
        Assert.True(Ledger.RelayAsync(Ledger.SignAs(SubjectKey, new RevokeConsent(consentId))).Result.Accepted);

    public void Dispose() => dir.Dispose();

    private static SubjectRecord Record(string subject, string category, params (string Field, long Value)[] values) =>
        new(subject, category, values.ToDictionary(v => v.Field, v => v.Value, StringComparer.Ordinal));
}
