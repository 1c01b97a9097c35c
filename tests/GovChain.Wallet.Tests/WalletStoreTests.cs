using GovChain.Crypto;
using GovChain.TestSupport;
using GovChain.Wallet.Documents;
using GovChain.Wallet.Store;
using Xunit;

namespace GovChain.Wallet.Tests;

public sealed class WalletStoreTests : IDisposable
{
    // Low iterations keep the tests fast; the default is PasswordSealedBox.DefaultIterations.
    private const int Iterations = 1000;
    private static readonly byte[] Password = "correct horse"u8.ToArray();

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void KeystoreUnlocksOnlyWithThePassword()
    {
        var dir = temp.File("w");
        var created = WalletStore.Create(dir, "citizen-1", Password, iterations: Iterations);
        var opened = WalletStore.Open(dir);
        Assert.Equal("citizen-1", opened.ParticipantId);
        Assert.Equal(created.PublicKey, opened.PublicKey);

        var identity = opened.Unlock(Password);
        Assert.Equal("citizen-1", identity.ParticipantId);
        Assert.Equal(opened.PublicKey, identity.Key.PublicKey.ToUncompressed());

        Assert.Throws<WalletAccessException>(() => opened.Unlock("wrong"u8));
        Assert.Throws<WalletAccessException>(() => WalletStore.Create(dir, "citizen-1", Password, iterations: Iterations));
        Assert.Throws<WalletAccessException>(() => WalletStore.Open(temp.File("none")));

        // The keystore is the crypto layer's sealed box: it opens with PasswordSealedBox directly, and the scalar is inside.
        var sealedBox = File.ReadAllBytes(Path.Combine(dir, WalletStore.KeystoreFile));
        Assert.Equal("GCKS"u8.ToArray(), sealedBox[..4]);
        var plaintext = PasswordSealedBox.Open(Password, sealedBox);
        Assert.True(plaintext.AsSpan().IndexOf(identity.Key.ExportScalar()) > 0);

        var altered = (byte[])sealedBox.Clone();
        altered[^1] ^= 1;
        File.WriteAllBytes(Path.Combine(dir, WalletStore.KeystoreFile), altered);
        Assert.Throws<WalletAccessException>(() => opened.Unlock(Password));
    }

    [Fact]
    public void SwappedIdentityFileIsDetected()
    {
        var a = temp.File("a");
        var b = temp.File("b");
        WalletStore.Create(a, "citizen-1", Password, iterations: Iterations);
        WalletStore.Create(b, "citizen-2", Password, iterations: Iterations);
        File.Copy(Path.Combine(b, WalletStore.IdentityFile), Path.Combine(a, WalletStore.IdentityFile), overwrite: true);
        Assert.Throws<WalletAccessException>(() => WalletStore.Open(a).Unlock(Password));
    }

    [Fact]
    public void CredentialsAreCheckedStoredAndListed()
    {
        var store = WalletStore.Create(temp.File("w"), "citizen-1", Password, iterations: Iterations);
        var owner = store.Unlock(Password);
        var credential = TestKeys.CreditProfile();
        store.SaveCredential(owner, credential);
        Assert.Equal(credential.ToJson(), store.LoadCredential(owner, "cred-1").ToJson());
        Assert.Single(store.Credentials(owner));
        Assert.Equal([new CredentialIndexEntry("cred-1", CredentialSchema.CreditProfile)], WalletStore.Open(store.Directory).CredentialIndex());

        var other = Credential.Issue(TestKeys.Issuer, "agency-tax", "cred-2", CredentialSchema.TaxArrears, "citizen-2", [0], TestKeys.Now);
        Assert.Throws<WalletFormatException>(() => store.SaveCredential(owner, other));
        var badOpening = new Credential(credential.Statement, [1, 2, 3, 4], credential.Salt);
        Assert.Throws<WalletFormatException>(() => store.SaveCredential(owner, badOpening));
        var traversal = Credential.Issue(TestKeys.Issuer, "agency-tax", "../x", CredentialSchema.TaxArrears, "citizen-1", [0], TestKeys.Now);
        Assert.Throws<WalletFormatException>(() => store.SaveCredential(owner, traversal));
        Assert.Throws<WalletFormatException>(() => store.LoadCredential(owner, "cred-9"));
        Assert.Single(Directory.GetFiles(Path.Combine(store.Directory, WalletStore.CredentialsDirectory)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Directory, "credentials", "cred-1.sealed")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(store.Directory, WalletStore.KeystoreFile)));
        }
    }

    [Fact]
    public void LicencesAreCheckedStoredAndOpened()
    {
        var holder = Sm2PrivateKey.Generate();
        var store = WalletStore.Create(temp.File("w"), "enterprise-1", Password, holder, Iterations);
        var (envelope, blob) = LicenceIssuer.Issue(TestKeys.Issuer, "agency-market", "enterprise-1", holder.PublicKey, TestKeys.Licence(), TestKeys.Now);
        store.SaveLicence(envelope, blob);
        var (loaded, loadedBlob) = store.LoadLicence("lic-1");
        Assert.Equal("福州示例贸易有限公司", loaded.Open(store.Unlock(Password).Key, loadedBlob).HolderName);
        Assert.Single(store.Licences());

        Assert.Throws<WalletFormatException>(() => store.SaveLicence(envelope, [.. blob, 0]));
        var (foreign, foreignBlob) = TestKeys.IssueLicence(TestKeys.Licence("lic-2"));
        Assert.Throws<WalletFormatException>(() => store.SaveLicence(foreign, foreignBlob));
    }

    [Fact]
    public void ConsentLogAppends()
    {
        var store = WalletStore.Create(temp.File("w"), "citizen-1", Password, iterations: Iterations);
        var owner = store.Unlock(Password);
        Assert.Empty(store.Consents(owner));
        store.RecordConsent(owner, new ConsentLogEntry("c-1", ConsentLogEntry.Granted, "bureau-1", 10, "aa"));
        store.RecordConsent(owner, new ConsentLogEntry("c-1", ConsentLogEntry.Revoked, "bureau-1", 20, "bb"));
        Assert.Equal([ConsentLogEntry.Granted, ConsentLogEntry.Revoked], store.Consents(owner).Select(e => e.Action));
        var reopened = WalletStore.Open(store.Directory);
        Assert.Equal(20, reopened.Consents(reopened.Unlock(Password))[1].At);
    }
}
