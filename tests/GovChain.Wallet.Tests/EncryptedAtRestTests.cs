using System.Text;
using GovChain.Crypto;
using GovChain.Ledger.Codec;
using GovChain.TestSupport;
using GovChain.Wallet.Documents;
using GovChain.Wallet.Store;
using Xunit;

namespace GovChain.Wallet.Tests;

/// <summary>Credentials and the consent log are SM4-GCM sealed under a key only the unlocked owner has.</summary>
public sealed class EncryptedAtRestTests : IDisposable
{
    private const int Iterations = 1000;
    private static readonly byte[] Password = "correct horse"u8.ToArray();

    // Distinctive values, so a search of the ciphertext for them cannot hit by chance.
    private static readonly ulong[] Attributes = [731_245, 984_321, 17_363, 52_117];

    private readonly TempDirectory temp = new();
    private readonly WalletStore store;
    private readonly WalletIdentity owner;
    private readonly Credential profile;
    private readonly Credential birth;

    public EncryptedAtRestTests()
    {
        store = WalletStore.Create(temp.File("w"), "citizen-1", Password, TestKeys.Holder, Iterations);
        owner = store.Unlock(Password);
        profile = Credential.Issue(TestKeys.Issuer, "agency-tax", "cred-1", CredentialSchema.CreditProfile, "citizen-1", Attributes, TestKeys.Now);
        birth = Credential.Issue(TestKeys.Issuer, "agency-ps", "cred-2", CredentialSchema.BirthDate, "citizen-1", [19_850_317], TestKeys.Now);
        store.SaveCredential(owner, profile);
        store.SaveCredential(owner, birth);
    }

    public void Dispose() => temp.Dispose();

    private string PathOf(string id) => Path.Combine(store.Directory, WalletStore.CredentialsDirectory, id + WalletStore.SealedExtension);

    [Fact]
    public void CredentialFilesHoldNeitherAttributesNorSalt()
    {
        foreach (var (credential, file) in new[] { (profile, PathOf("cred-1")), (birth, PathOf("cred-2")) })
        {
            var bytes = File.ReadAllBytes(file);
            var secrets = credential.Attributes.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Append(credential.Salt).Append("\"salt\"").Append("\"attributes\"").Append(credential.Statement.Commitment);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{file} contains {secret}");
            }

            // Raw integer encodings are absent too, in either byte order.
            foreach (var value in credential.Attributes)
            {
                Assert.True(bytes.AsSpan().IndexOf(BitConverter.GetBytes(value)) < 0);
                Assert.True(bytes.AsSpan().IndexOf(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value))) < 0);
            }
        }

        // Without the password, the wallet lists ids and types only.
        Assert.Equal([new("cred-1", CredentialSchema.CreditProfile), new CredentialIndexEntry("cred-2", CredentialSchema.BirthDate)],
            WalletStore.Open(store.Directory).CredentialIndex());
    }

    [Fact]
    public void RoundTripNeedsTheUnlockedOwner()
    {
        var reopened = WalletStore.Open(store.Directory);
        Assert.Throws<WalletAccessException>(() => reopened.Unlock("wrong"u8));
        var unlocked = reopened.Unlock(Password);
        Assert.Equal(profile.ToJson(), reopened.LoadCredential(unlocked, "cred-1").ToJson());
        Assert.True(reopened.LoadCredential(unlocked, "cred-2").VerifyOpening());
        Assert.Equal(["cred-1", "cred-2"], reopened.Credentials(unlocked).Select(c => c.Statement.Id));

        // An identity with the right participant id but another key is not the owner.
        var impostor = new WalletIdentity("citizen-1", TestKeys.Stranger);
        Assert.Throws<WalletAccessException>(() => reopened.LoadCredential(impostor, "cred-1"));
        Assert.Throws<WalletAccessException>(() => reopened.SaveCredential(impostor, profile));
        Assert.Throws<WalletAccessException>(() => reopened.Consents(impostor));
    }

    [Fact]
    public void EveryWriteDrawsAFreshNonce()
    {
        var first = File.ReadAllBytes(PathOf("cred-1"));
        store.SaveCredential(owner, profile);
        var second = File.ReadAllBytes(PathOf("cred-1"));
        Assert.Equal(first.Length, second.Length);
        Assert.NotEqual(first, second);
        Assert.Equal(profile.ToJson(), store.LoadCredential(owner, "cred-1").ToJson());
    }

    [Fact]
    public void SwappedFilesAreRefused()
    {
        var one = File.ReadAllBytes(PathOf("cred-1"));
        var two = File.ReadAllBytes(PathOf("cred-2"));
        File.WriteAllBytes(PathOf("cred-1"), two);
        File.WriteAllBytes(PathOf("cred-2"), one);
        Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-1"));
        Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-2"));
        Assert.Throws<WalletIntegrityException>(() => store.Credentials(owner));
        Assert.Throws<WalletIntegrityException>(() => store.CredentialIndex());

        // Rewriting the clear header to claim the other name breaks the tag: the header is associated data.
        var relabelled = Replace(two, "cred-2"u8, "cred-1"u8);
        File.WriteAllBytes(PathOf("cred-1"), relabelled);
        var e = Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-1"));
        Assert.Contains("fails authentication", e.Message, StringComparison.Ordinal);

        // The consent log is not a credential, even under the right key.
        store.RecordConsent(owner, new ConsentLogEntry("c-1", ConsentLogEntry.Granted, "bureau-1", 10, "aa"));
        File.Copy(Path.Combine(store.Directory, WalletStore.ConsentsFile), PathOf("cred-1"), overwrite: true);
        Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-1"));
    }

    [Fact]
    public void FilesFromAnotherWalletAreRefused()
    {
        // Same participant id, another key: the header matches, the content key does not.
        var other = WalletStore.Create(temp.File("other"), "citizen-1", Password, TestKeys.Stranger, Iterations);
        var otherOwner = other.Unlock(Password);
        other.SaveCredential(otherOwner, profile);
        other.RecordConsent(otherOwner, new ConsentLogEntry("c-9", ConsentLogEntry.Granted, "bureau-9", 10, "aa"));
        File.Copy(Path.Combine(other.Directory, WalletStore.CredentialsDirectory, "cred-1.sealed"), PathOf("cred-1"), overwrite: true);
        File.Copy(Path.Combine(other.Directory, WalletStore.ConsentsFile), Path.Combine(store.Directory, WalletStore.ConsentsFile));
        Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-1"));
        Assert.Throws<WalletIntegrityException>(() => store.Consents(owner));
    }

    [Fact]
    public void EveryFlippedByteAndEveryTruncationIsRefused()
    {
        var original = File.ReadAllBytes(PathOf("cred-2"));
        for (var i = 0; i < original.Length; i++)
        {
            var altered = (byte[])original.Clone();
            altered[i] ^= (byte)(1 << (i % 8));
            File.WriteAllBytes(PathOf("cred-2"), altered);
            Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-2"));
        }

        for (var length = 0; length < original.Length; length++)
        {
            File.WriteAllBytes(PathOf("cred-2"), original[..length]);
            Assert.Throws<WalletIntegrityException>(() => store.LoadCredential(owner, "cred-2"));
        }

        File.WriteAllBytes(PathOf("cred-2"), original);
        Assert.Equal(birth.ToJson(), store.LoadCredential(owner, "cred-2").ToJson());
    }

    [Fact]
    public void ConsentLogIsSealed()
    {
        store.RecordConsent(owner, new ConsentLogEntry("consent-for-loan-77", ConsentLogEntry.Granted, "bureau-xiamen", 10, "aa"));
        var path = Path.Combine(store.Directory, WalletStore.ConsentsFile);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.AsSpan().IndexOf("consent-for-loan-77"u8) < 0);
        Assert.True(bytes.AsSpan().IndexOf("bureau-xiamen"u8) < 0);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        bytes[^1] ^= 0x80;
        File.WriteAllBytes(path, bytes);
        Assert.Throws<WalletIntegrityException>(() => store.Consents(owner));
        Assert.Throws<WalletIntegrityException>(() => store.RecordConsent(owner, new ConsentLogEntry("c-2", ConsentLogEntry.Granted, "b", 1, "bb")));
    }

    /// <summary>
    /// The documented construction, rebuilt from the crypto primitives alone: key = HMAC-SM3(scalar, label ‖ id)[..16],
    /// file = "GCWF" ‖ 1 ‖ header ‖ nonce ‖ SM4-GCM(plaintext, aad = everything before the nonce).
    /// </summary>
    [Fact]
    public void FileLayoutMatchesTheDocumentedConstruction()
    {
        var info = new CanonicalWriter();
        info.WriteFixed("GovChain.wallet.content-key.v1"u8);
        info.WriteString("citizen-1");
        var key = HmacSm3.HashData(TestKeys.Holder.ExportScalar(), info.WrittenSpan)[..16];

        var header = new CanonicalWriter();
        header.WriteFixed("GCWF"u8);
        header.WriteByte(1);
        foreach (var field in new[] { "credential", "citizen-1", "cred-2", CredentialSchema.BirthDate })
        {
            header.WriteString(field);
        }

        var file = File.ReadAllBytes(PathOf("cred-2"));
        var aad = header.ToArray();
        Assert.Equal(aad, file[..aad.Length]);
        var plaintext = Sm4Gcm.Decrypt(key, file.AsSpan(aad.Length, 12), file.AsSpan(aad.Length + 12), aad);
        Assert.Equal(birth.ToJson(), Encoding.UTF8.GetString(plaintext));
    }

    private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> from, ReadOnlySpan<byte> to)
    {
        var copy = (byte[])bytes.Clone();
        var at = copy.AsSpan().IndexOf(from);
        Assert.True(at >= 0);
        to.CopyTo(copy.AsSpan(at));
        return copy;
    }
}
