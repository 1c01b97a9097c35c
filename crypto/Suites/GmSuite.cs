namespace GovChain.Crypto.Suites;

internal sealed class Sm3HashFunction : IHashFunction
{
    public string Name => "SM3";

    public int HashSizeInBytes => Sm3.HashSizeInBytes;

    public byte[] Hash(ReadOnlySpan<byte> data) => Sm3.HashData(data);
}

/// <summary>SM2 with the default user ID and raw r‖s signatures.</summary>
internal sealed class Sm2SignatureScheme : ISignatureScheme
{
    public string Name => "SM2";

    public ISigningKey GenerateKey() => new SigningKey(Sm2PrivateKey.Generate());

    public IVerificationKey ImportPublicKey(ReadOnlySpan<byte> encoded) => new VerificationKey(Sm2PublicKey.FromEncoded(encoded));

    private sealed class SigningKey(Sm2PrivateKey key) : ISigningKey
    {
        public IVerificationKey PublicKey { get; } = new VerificationKey(key.PublicKey);

        public byte[] Sign(ReadOnlySpan<byte> message) => key.SignData(message).ToRaw();
    }

    private sealed class VerificationKey(Sm2PublicKey key) : IVerificationKey
    {
        public byte[] Export() => key.ToUncompressed();

        public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
            signature.Length == Sm2Signature.RawSizeInBytes && key.VerifyData(message, Sm2Signature.FromRaw(signature));
    }
}

internal sealed class Sm4GcmAead : IAead
{
    public string Name => "SM4-GCM";

    public int KeySizeInBytes => Sm4.KeySizeInBytes;

    public int NonceSizeInBytes => Sm4Gcm.NonceSizeInBytes;

    public int TagSizeInBytes => Sm4Gcm.TagSizeInBytes;

    public byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData) =>
        Sm4Gcm.Encrypt(key, nonce, plaintext, associatedData);

    public byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData) =>
        Sm4Gcm.Decrypt(key, nonce, ciphertext, associatedData);
}
