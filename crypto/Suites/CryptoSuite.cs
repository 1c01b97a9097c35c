namespace GovChain.Crypto.Suites;

/// <summary>A named set of primitives: <c>gm</c> (SM3, SM2, SM4-GCM) for government use, or <c>intl</c> (SHA-256, Ed25519, ChaCha20-Poly1305).</summary>
public sealed class CryptoSuite
{
    private CryptoSuite(string name, IHashFunction hash, ISignatureScheme signatures, IAead aead)
    {
        Name = name;
        Hash = hash;
        Signatures = signatures;
        Aead = aead;
    }

    public static CryptoSuite Gm { get; } = new("gm", new Sm3HashFunction(), new Sm2SignatureScheme(), new Sm4GcmAead());

    public static CryptoSuite Intl { get; } = new("intl", new Sha256HashFunction(), new Ed25519SignatureScheme(), new ChaCha20Poly1305Aead());

    public string Name { get; }

    public IHashFunction Hash { get; }

    public ISignatureScheme Signatures { get; }

    public IAead Aead { get; }

    public static CryptoSuite FromName(string name) => name.ToLowerInvariant() switch
    {
        "gm" => Gm,
        "intl" => Intl,
        _ => throw new CryptoInputException($"unknown crypto suite '{name}' (expected gm or intl)"),
    };
}
