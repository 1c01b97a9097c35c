namespace GovChain.Crypto.Suites;

/// <summary>A hash function of a suite (SM3 or SHA-256).</summary>
public interface IHashFunction
{
    string Name { get; }

    int HashSizeInBytes { get; }

    byte[] Hash(ReadOnlySpan<byte> data);
}

/// <summary>A signature scheme of a suite (SM2 with the default ID, or Ed25519).</summary>
public interface ISignatureScheme
{
    string Name { get; }

    ISigningKey GenerateKey();

    /// <summary>Imports the scheme's raw public key encoding; malformed input raises <see cref="CryptoInputException"/>.</summary>
    IVerificationKey ImportPublicKey(ReadOnlySpan<byte> encoded);
}

public interface ISigningKey
{
    IVerificationKey PublicKey { get; }

    byte[] Sign(ReadOnlySpan<byte> message);
}

public interface IVerificationKey
{
    byte[] Export();

    /// <summary>False for any signature that does not verify, including one of the wrong length or encoding.</summary>
    bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature);
}

/// <summary>An AEAD of a suite (SM4-GCM or ChaCha20-Poly1305). The tag is appended to the ciphertext.</summary>
public interface IAead
{
    string Name { get; }

    int KeySizeInBytes { get; }

    int NonceSizeInBytes { get; }

    int TagSizeInBytes { get; }

    byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData);

    /// <summary>Raises <see cref="CryptoAuthenticationException"/> when the tag does not match.</summary>
    byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData);
}
