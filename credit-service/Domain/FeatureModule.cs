using GovChain.Crypto;
using GovChain.CreditService.Data;
using GovChain.CreditService.Hosting;
using GovChain.CreditService.Ledger;
using GovChain.Wallet.Documents;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Registers the singletons behind the Queries, Credentials, Proofs and Licences services. Everything persistent lives
/// under the data directory: blobs/ (SEAL key blobs, sealed licences), keys/ (key-set manifests), query-results/,
/// licences/ (envelopes) and subjects/ (the agency's encrypted subject store).
/// </summary>
public sealed class FeatureModule : IServiceModule
{
    public void Register(IServiceCollection services, ServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var data = options.DataDirectory;
        services.AddSingleton(_ => ModelRegistry.CreateDefault());
        services.AddSingleton(_ => new BlobStore(Path.Combine(data, "blobs")));
        services.AddSingleton(sp => new SealKeyRegistry(sp.GetRequiredService<BlobStore>(), Path.Combine(data, "keys")));
        services.AddSingleton(sp => new EncryptedQueryEngine(sp.GetRequiredService<SealKeyRegistry>()));
        services.AddSingleton(_ => new QueryResultStore(Path.Combine(data, "query-results")));
        services.AddSingleton(_ => new LicenceEnvelopeStore(Path.Combine(data, "licences")));
        services.TryAddSingleton<ISubjectDataStore>(_ => SubjectStoreLocation.Open(options));
        services.TryAddSingleton(_ => new AgencyIdentity(options.AgencyId, LoadKey(options.AgencyKeyFile)));
        services.TryAddSingleton(_ => new PredicateVerifier());
        services.AddSingleton(sp => new QueryProcessor(sp.GetRequiredService<IAuditLedger>(), sp.GetRequiredService<ModelRegistry>(),
            sp.GetRequiredService<EncryptedQueryEngine>(), sp.GetRequiredService<QueryResultStore>(), sp.GetRequiredService<ISubjectDataStore>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CredentialIssuance(sp.GetRequiredService<IAuditLedger>(), sp.GetRequiredService<AgencyIdentity>(),
            sp.GetRequiredService<ISubjectDataStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new ProofVerification(sp.GetRequiredService<IAuditLedger>(), sp.GetRequiredService<PredicateVerifier>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new LicenceIssuance(sp.GetRequiredService<IAuditLedger>(), sp.GetRequiredService<AgencyIdentity>(),
            sp.GetRequiredService<BlobStore>(), sp.GetRequiredService<LicenceEnvelopeStore>(), sp.GetRequiredService<TimeProvider>()));
    }

    private static Sm2PrivateKey LoadKey(string path)
    {
        try
        {
            return Sm2PrivateKey.FromPem(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptoInputException)
        {
            throw new ServiceConfigException($"agency key {path}: {e.Message}");
        }
    }
}
