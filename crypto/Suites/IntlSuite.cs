using NSec.Cryptography;

namespace GovChain.Crypto.Suites;

internal sealed class Sha256HashFunction : IHashFunction
{
    public string Name => "SHA-256";

    public int HashSizeInBytes => 32;

    public byte[] Hash(ReadOnlySpan<byte> data) => HashAlgorithm.Sha256.Hash(data);
}

/// <summary>Ed25519 through libsodium (NSec).</summary>
internal sealed class Ed25519SignatureScheme : ISignatureScheme
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    public string Name => "Ed25519";

    public ISigningKey GenerateKey() => new SigningKey(Key.Create(Algorithm));

    public IVerificationKey ImportPublicKey(ReadOnlySpan<byte> encoded)
    {
        if (!PublicKey.TryImport(Algorithm, encoded, KeyBlobFormat.RawPublicKey, out var key) || key is null)
        {
            throw new CryptoInputException($"Ed25519 public key: expected 32 raw bytes, got {encoded.Length}");
        }

        return new VerificationKey(key);
    }

    private sealed class SigningKey(Key key) : ISigningKey
    {
        public IVerificationKey PublicKey { get; } = new VerificationKey(key.PublicKey);

        public byte[] Sign(ReadOnlySpan<byte> message) => Algorithm.Sign(key, message);
    }

    private sealed class VerificationKey(PublicKey key) : IVerificationKey
    {
        public byte[] Export() => key.Export(KeyBlobFormat.RawPublicKey);

        public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) => Algorithm.Verify(key, message, signature);
    }
}

/// <summary>ChaCha20-Poly1305 (RFC 8439) through libsodium (NSec).</summary>
internal sealed class ChaCha20Poly1305Aead : IAead
{
    private static readonly AeadAlgorithm Algorithm = AeadAlgorithm.ChaCha20Poly1305;

    public string Name => "ChaCha20-Poly1305";

    public int KeySizeInBytes => Algorithm.KeySize;

    public int NonceSizeInBytes => Algorithm.NonceSize;

    public int TagSizeInBytes => Algorithm.TagSize;

    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        using var k = ImportKey(key);
        CheckNonce(nonce);
        return Algorithm.Encrypt(k, nonce, associatedData, plaintext);
    }

    public byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData)
    {
        using var k = ImportKey(key);
        CheckNonce(nonce);
        if (ciphertext.Length < TagSizeInBytes)
        {
            throw new CryptoInputException($"ChaCha20-Poly1305 input of {ciphertext.Length} bytes is shorter than the tag");
        }

        return Algorithm.Decrypt(k, nonce, associatedData, ciphertext)
            ?? throw new CryptoAuthenticationException("ChaCha20-Poly1305: authentication tag mismatch");
    }

    private static Key ImportKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Algorithm.KeySize)
        {
            throw new CryptoInputException($"ChaCha20-Poly1305 key must be {Algorithm.KeySize} bytes, got {key.Length}");
        }

        return Key.Import(Algorithm, key, KeyBlobFormat.RawSymmetricKey);
    }

    private static void CheckNonce(ReadOnlySpan<byte> nonce)
    {
        if (nonce.Length != Algorithm.NonceSize)
        {
            throw new CryptoInputException($"ChaCha20-Poly1305 nonce must be {Algorithm.NonceSize} bytes, got {nonce.Length}");
        }
    }
}
