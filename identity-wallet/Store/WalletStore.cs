using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.Ledger;
using GovChain.Ledger.Codec;
using GovChain.Wallet.Documents;

namespace GovChain.Wallet.Store;

/// <summary>
/// A wallet directory: keystore.gcks (participant id and SM2 scalar sealed under the password with
/// <see cref="PasswordSealedBox"/>), identity.json (the public half), credentials/&lt;id&gt;.sealed and
/// consents.sealed (SM4-GCM under the <see cref="WalletContentKey"/> of the unlocked owner, see
/// <see cref="SealedWalletFile"/>), and licences/&lt;id&gt;.env.json and .blob (the blob is already sealed to the
/// owner's key by the issuer; the envelope holds no document content). Every file is written atomically and
/// owner-only; everything read back is checked (tags, signatures, holder, hashes) before it is trusted.
/// </summary>
public sealed class WalletStore
{
    public const string KeystoreFile = "keystore.gcks";
    public const string IdentityFile = "identity.json";
    public const string ConsentsFile = "consents.sealed";
    public const string CredentialsDirectory = "credentials";
    public const string SealedExtension = ".sealed";

    private static readonly byte[] KeystoreTag = "GovChain.keystore.v1"u8.ToArray();

    private readonly byte[] publicKey;

    private WalletStore(string directory, string participantId, byte[] publicKey)
    {
        Directory = directory;
        ParticipantId = participantId;
        this.publicKey = publicKey;
    }

    public string Directory { get; }

    public string ParticipantId { get; }

    /// <summary>65-byte uncompressed SM2 point of the wallet's key.</summary>
    public byte[] PublicKey => (byte[])publicKey.Clone();

    /// <summary>Creates a wallet in an empty or new directory, with a fresh key unless one is given.</summary>
    public static WalletStore Create(string directory, string participantId, ReadOnlySpan<byte> password, Sm2PrivateKey? key = null,
        int iterations = PasswordSealedBox.DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(directory);
        WalletIds.Check(participantId, "participant id");
        if (File.Exists(Path.Combine(directory, KeystoreFile)))
        {
            throw new WalletAccessException($"a wallet already exists in {directory}");
        }

        key ??= Sm2PrivateKey.Generate();
        AtomicFile.EnsureDirectory(directory);
        var store = new WalletStore(directory, participantId, key.PublicKey.ToUncompressed());
        AtomicFile.WriteText(Path.Combine(directory, IdentityFile), JsonFields.Write(new JsonObject
        {
            ["participantId"] = participantId,
            ["publicKey"] = Hex.Encode(store.publicKey),
        }));

        // The keystore goes last: its presence is what makes the directory a wallet.
        var writer = new CanonicalWriter();
        writer.WriteFixed(KeystoreTag);
        writer.WriteString(participantId);
        var scalar = key.ExportScalar();
        writer.WriteBytes(scalar);
        var plaintext = writer.ToArray();
        try
        {
            AtomicFile.Write(Path.Combine(directory, KeystoreFile), PasswordSealedBox.Seal(password, plaintext, iterations));
        }
        catch (CryptoInputException e)
        {
            throw new WalletAccessException(e.Message, e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return store;
    }

    /// <summary>Opens an existing wallet's public side; <see cref="Unlock"/> needs the password.</summary>
    public static WalletStore Open(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var identityPath = Path.Combine(directory, IdentityFile);
        if (!File.Exists(Path.Combine(directory, KeystoreFile)) || !File.Exists(identityPath))
        {
            throw new WalletAccessException($"no wallet in {directory} (run `govchain wallet init` first)");
        }

        using var doc = JsonFields.Parse(File.ReadAllText(identityPath), IdentityFile);
        var f = new JsonFields(doc.RootElement, IdentityFile, "participantId", "publicKey");
        return new WalletStore(directory, WalletIds.Check(f.String("participantId"), "participant id"),
            DocumentKeys.CheckPublicKey(f.Hex("publicKey", Sm2PublicKey.UncompressedSizeInBytes), "wallet public key"));
    }

    /// <summary>Opens the keystore. A wrong password (or an altered keystore) is a <see cref="WalletAccessException"/>.</summary>
    public WalletIdentity Unlock(ReadOnlySpan<byte> password)
    {
        byte[] plaintext;
        try
        {
            plaintext = PasswordSealedBox.Open(password, File.ReadAllBytes(Path.Combine(Directory, KeystoreFile)));
        }
        catch (CryptoInputException e)
        {
            throw new WalletAccessException($"cannot unlock the wallet: {e.Message}", e);
        }

        try
        {
            var (id, scalar) = CanonicalDecodingOf(plaintext);
            var key = Sm2PrivateKey.FromScalar(scalar);
            CryptographicOperations.ZeroMemory(scalar);
            if (id != ParticipantId || !key.PublicKey.ToUncompressed().AsSpan().SequenceEqual(publicKey))
            {
                throw new WalletAccessException($"{IdentityFile} does not match the keystore");
            }

            return new WalletIdentity(id, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// Stores a credential issued to this wallet after checking its signature, holder and opening. The file is sealed
    /// under the owner's content key: only its id and type stay readable without the password.
    /// </summary>
    public void SaveCredential(WalletIdentity owner, Credential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var s = credential.Statement;
        WalletIds.CheckFileSafe(s.Id, "credential id");
        if (s.Holder != ParticipantId)
        {
            throw new WalletFormatException($"credential {s.Id} is for {s.Holder}, not this wallet's {ParticipantId}");
        }

        if (!s.VerifySignature())
        {
            throw new WalletFormatException($"credential {s.Id}: the issuer's signature does not verify");
        }

        if (!credential.VerifyOpening())
        {
            throw new WalletFormatException($"credential {s.Id}: the attributes and salt do not open the commitment");
        }

        using var key = ContentKey(owner);
        var plaintext = Encoding.UTF8.GetBytes(credential.ToJson());
        try
        {
            var header = new SealedFileHeader(SealedFileHeader.CredentialKind, ParticipantId, s.Id, s.Type);
            AtomicFile.Write(CredentialPath(SubDirectory(CredentialsDirectory), s.Id), SealedWalletFile.Seal(key, header, plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Opens a stored credential; a file altered, swapped or sealed by another wallet is a <see cref="WalletIntegrityException"/>.</summary>
    public Credential LoadCredential(WalletIdentity owner, string id)
    {
        var path = CredentialPath(Path.Combine(Directory, CredentialsDirectory), WalletIds.CheckFileSafe(id, "credential id"));
        if (!File.Exists(path))
        {
            throw new WalletFormatException($"no credential {id} in this wallet");
        }

        using var key = ContentKey(owner);
        return OpenCredential(key, id, File.ReadAllBytes(path));
    }

    public IReadOnlyList<Credential> Credentials(WalletIdentity owner)
    {
        using var key = ContentKey(owner);
        return [.. CredentialFiles().Select(f => OpenCredential(key, f.Id, File.ReadAllBytes(f.Path)))];
    }

    /// <summary>Ids and types of the stored credentials, read without the password; nothing private is in the clear.</summary>
    public IReadOnlyList<CredentialIndexEntry> CredentialIndex() =>
        [.. CredentialFiles().Select(f =>
        {
            var header = SealedWalletFile.ReadHeader(File.ReadAllBytes(f.Path), $"credential {f.Id}");
            return header.Kind == SealedFileHeader.CredentialKind && header.Name == f.Id
                ? new CredentialIndexEntry(f.Id, header.Label)
                : throw new WalletIntegrityException($"credential {f.Id}: the file is sealed as {header.Kind} '{header.Name}' (renamed or swapped?)");
        })];

    /// <summary>Stores a licence sealed to this wallet after checking the issuer's signature, holder key and blob hash.</summary>
    public void SaveLicence(LicenceEnvelope envelope, byte[] blob)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(blob);
        WalletIds.CheckFileSafe(envelope.Id, "licence id");
        if (envelope.Holder != ParticipantId || !envelope.HolderPublicKey.AsSpan().SequenceEqual(publicKey))
        {
            throw new WalletFormatException($"licence {envelope.Id} is sealed to {envelope.Holder}'s key, not this wallet's");
        }

        if (!envelope.VerifySignature())
        {
            throw new WalletFormatException($"licence {envelope.Id}: the issuer's signature does not verify");
        }

        if (Hash32.Compute(blob) != envelope.CiphertextHash)
        {
            throw new WalletFormatException($"licence {envelope.Id}: the blob does not match the envelope's ciphertext hash");
        }

        var dir = SubDirectory("licences");
        // Blob first: an envelope on disk always has its blob.
        AtomicFile.Write(Path.Combine(dir, envelope.Id + ".blob"), blob);
        AtomicFile.WriteText(Path.Combine(dir, envelope.Id + ".env.json"), envelope.ToJson());
    }

    public (LicenceEnvelope Envelope, byte[] Blob) LoadLicence(string id)
    {
        var stem = Path.Combine(Directory, "licences", WalletIds.CheckFileSafe(id, "licence id"));
        if (!File.Exists(stem + ".env.json") || !File.Exists(stem + ".blob"))
        {
            throw new WalletFormatException($"no licence {id} in this wallet");
        }

        return (LicenceEnvelope.FromJson(File.ReadAllText(stem + ".env.json")), File.ReadAllBytes(stem + ".blob"));
    }

    public IReadOnlyList<LicenceEnvelope> Licences()
    {
        var dir = Path.Combine(Directory, "licences");
        return System.IO.Directory.Exists(dir)
            ? [.. System.IO.Directory.GetFiles(dir, "*.env.json").Order(StringComparer.Ordinal).Select(f => LicenceEnvelope.FromJson(File.ReadAllText(f)))]
            : [];
    }

    /// <summary>Appends to the consent log, which is sealed like the credentials: who was granted what is private.</summary>
    public void RecordConsent(WalletIdentity owner, ConsentLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var key = ContentKey(owner);
        var plaintext = Encoding.UTF8.GetBytes(ConsentLogJson.Write(ReadConsents(key).Append(entry)));
        try
        {
            AtomicFile.Write(Path.Combine(Directory, ConsentsFile), SealedWalletFile.Seal(key, ConsentLogHeader(), plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    public IReadOnlyList<ConsentLogEntry> Consents(WalletIdentity owner)
    {
        using var key = ContentKey(owner);
        return ReadConsents(key);
    }

    private IReadOnlyList<ConsentLogEntry> ReadConsents(WalletContentKey key)
    {
        var path = Path.Combine(Directory, ConsentsFile);
        if (!File.Exists(path))
        {
            return [];
        }

        var (_, plaintext) = SealedWalletFile.Open(key, File.ReadAllBytes(path), ConsentLogHeader(), "consent log");
        try
        {
            return ConsentLogJson.Read(StrictUtf8(plaintext, "consent log"));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private Credential OpenCredential(WalletContentKey key, string id, byte[] file)
    {
        var what = $"credential {id}";
        var expected = new SealedFileHeader(SealedFileHeader.CredentialKind, ParticipantId, id, "");
        var (header, plaintext) = SealedWalletFile.Open(key, file, expected, what);
        try
        {
            var credential = Credential.FromJson(StrictUtf8(plaintext, what));
            var s = credential.Statement;
            // The tag already binds these; checking them again keeps a logic slip from handing out a foreign credential.
            return s.Id == id && s.Type == header.Label && s.Holder == ParticipantId
                ? credential
                : throw new WalletIntegrityException($"{what}: the sealed content is credential {s.Id} of {s.Holder}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private IEnumerable<(string Id, string Path)> CredentialFiles()
    {
        var dir = Path.Combine(Directory, CredentialsDirectory);
        return System.IO.Directory.Exists(dir)
            ? System.IO.Directory.GetFiles(dir, "*" + SealedExtension).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f)[..^SealedExtension.Length], f))
            : [];
    }

    private SealedFileHeader ConsentLogHeader() => new(SealedFileHeader.ConsentLogKind, ParticipantId, ConsentsFile, "");

    /// <summary>Only the owner of this wallet may open its sealed files; any other identity is refused before deriving keys.</summary>
    private WalletContentKey ContentKey(WalletIdentity owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.ParticipantId != ParticipantId || !owner.Key.PublicKey.ToUncompressed().AsSpan().SequenceEqual(publicKey))
        {
            throw new WalletAccessException($"{owner.ParticipantId}'s key does not unlock the wallet of {ParticipantId}");
        }

        return WalletContentKey.Derive(owner);
    }

    private static string CredentialPath(string directory, string id) => Path.Combine(directory, id + SealedExtension);

    private static string StrictUtf8(byte[] bytes, string what)
    {
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new WalletFormatException($"{what}: the sealed content is not UTF-8", e);
        }
    }

    private string SubDirectory(string name)
    {
        var dir = Path.Combine(Directory, name);
        AtomicFile.EnsureDirectory(dir);
        return dir;
    }

    private static (string Id, byte[] Scalar) CanonicalDecodingOf(byte[] plaintext)
    {
        try
        {
            var reader = new CanonicalReader(plaintext);
            if (!reader.ReadFixed(KeystoreTag.Length).SequenceEqual(KeystoreTag))
            {
                throw new WalletAccessException("the keystore holds no GovChain wallet key");
            }

            var id = reader.ReadString(Ledger.Application.TransactionPayload.MaxIdBytes);
            var scalar = reader.ReadBytes(32);
            reader.EnsureEnd();
            return (id, scalar);
        }
        catch (LedgerFormatException e)
        {
            throw new WalletAccessException($"the keystore is malformed ({e.Message})", e);
        }
    }
}
