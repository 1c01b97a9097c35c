using GovChain.Crypto;
using GovChain.Wallet.Documents;

namespace GovChain.Wallet.Tests;

/// <summary>Fixed keys and documents shared by the tests.</summary>
internal static class TestKeys
{
    public const long Now = 1_764_000_000;

    public static readonly Sm2PrivateKey Issuer = Key(1);
    public static readonly Sm2PrivateKey Holder = Key(2);
    public static readonly Sm2PrivateKey Stranger = Key(3);

    public static Sm2PrivateKey Key(byte seed)
    {
        var scalar = new byte[32];
        scalar[31] = seed;
        scalar[0] = 0x11;
        return Sm2PrivateKey.FromScalar(scalar);
    }

    public static Credential CreditProfile(ulong score = 720) =>
        Credential.Issue(Issuer, "agency-tax", "cred-1", CredentialSchema.CreditProfile, "citizen-1", [score, 180, 12, 1], Now);

    public static LicenceDocument Licence(string id = "lic-1", long validFrom = Now - 86_400, long validUntil = Now + (365 * 86_400L)) =>
        new(id, "business-licence", "91350100M000100Y43", "福州示例贸易有限公司", "enterprise-1", "agency-market",
            new Dictionary<string, string> { ["scope"] = "批发和零售", ["address"] = "福州市鼓楼区", ["capital_cny"] = "1000000" }, validFrom, validUntil);

    public static (LicenceEnvelope Envelope, byte[] Blob) IssueLicence(LicenceDocument? document = null) =>
        LicenceIssuer.Issue(Issuer, "agency-market", "enterprise-1", Holder.PublicKey, document ?? Licence(), Now);
}
