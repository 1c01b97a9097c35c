using System.Security.Cryptography.X509Certificates;

namespace GovChain.Ledger.Hosting;

/// <summary>Checks that a TLS peer's certificate was issued by the network CA, and reads who it names.</summary>
public sealed class PeerCertificates(X509Certificate2 authority)
{
    public const string ValidatorPrefix = "validator-";

    public X509Certificate2 Authority { get; } = authority;

    public bool IsIssuedByAuthority(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return chain.Build(certificate) && chain.ChainElements.Count == 2 &&
            chain.ChainElements[^1].Certificate.RawDataMemory.Span.SequenceEqual(Authority.RawDataMemory.Span);
    }

    /// <summary>The validator index a CA-issued certificate names, or -1 (a client, or not issued by the CA).</summary>
    public int ValidatorIndex(X509Certificate2? certificate)
    {
        if (!IsIssuedByAuthority(certificate))
        {
            return -1;
        }

        var name = certificate!.GetNameInfo(X509NameType.SimpleName, false);
        return name.StartsWith(ValidatorPrefix, StringComparison.Ordinal) &&
            int.TryParse(name.AsSpan(ValidatorPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? index
            : -1;
    }
}
