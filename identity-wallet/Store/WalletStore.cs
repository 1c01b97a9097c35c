using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GovChain.Crypto;
using GovChain.Ledger;
using GovChain.Ledger.Codec;
using GovChain.Wallet.Documents;

namespace GovChain.Wallet.Store;

/// <summary>
/// A wallet directory: keystore.gcks (participant id and SM2 scalar sealed under the password with
/// <see cref="PasswordSealedBox"/>), identity.json (the public half, so listing needs no password),
/// credentials/&lt;id&gt;.json, licences/&lt;id&gt;.env.json and .blob, and consents.json. Every file is written
/// atomically and owner-only; everything read back is checked (signatures, holder, hashes) before it is trusted.
/// </summary>
public sealed class WalletStore
{
    public const string KeystoreFile = "keystore.gcks";
    public const string IdentityFile = "identity.json";
    public const string ConsentsFile = "consents.json";

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

    /// <summary>Stores a credential issued to this wallet after checking its signature, holder and opening.</summary>
    public void SaveCredential(Credential credential)
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

        var dir = SubDirectory("credentials");
        AtomicFile.WriteText(Path.Combine(dir, s.Id + ".json"), credential.ToJson());
    }

    public Credential LoadCredential(string id)
    {
        var path = Path.Combine(Directory, "credentials", WalletIds.CheckFileSafe(id, "credential id") + ".json");
        return File.Exists(path) ? Credential.FromJson(File.ReadAllText(path)) : throw new WalletFormatException($"no credential {id} in this wallet");
    }

    public IReadOnlyList<Credential> Credentials()
    {
        var dir = Path.Combine(Directory, "credentials");
        return System.IO.Directory.Exists(dir)
            ? [.. System.IO.Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(f => Credential.FromJson(File.ReadAllText(f)))]
            : [];
    }

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

    public void RecordConsent(ConsentLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entries = new JsonArray([.. Consents().Append(entry).Select(e => (JsonNode)new JsonObject
        {
            ["consentId"] = e.ConsentId,
            ["action"] = e.Action,
            ["bureau"] = e.Bureau,
            ["at"] = e.At,
            ["transactionHash"] = e.TransactionHash,
        })]);
        AtomicFile.WriteText(Path.Combine(Directory, ConsentsFile), JsonFields.Write(entries));
    }

    public IReadOnlyList<ConsentLogEntry> Consents()
    {
        var path = Path.Combine(Directory, ConsentsFile);
        if (!File.Exists(path))
        {
            return [];
        }

        using var doc = JsonFields.Parse(File.ReadAllText(path), ConsentsFile);
        if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            throw new WalletFormatException($"{ConsentsFile}: expected a JSON array");
        }

        return [.. doc.RootElement.EnumerateArray().Select((e, i) =>
        {
            var f = new JsonFields(e, $"{ConsentsFile}[{i}]", "consentId", "action", "bureau", "at", "transactionHash");
            return new ConsentLogEntry(f.String("consentId"), f.String("action"), f.String("bureau"), f.Int64("at"), f.String("transactionHash"));
        })];
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
