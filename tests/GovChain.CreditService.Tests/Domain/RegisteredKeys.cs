using GovChain.CreditService.Domain;
using GovChain.TestSupport;

namespace GovChain.CreditService.Tests.Domain;

/// <summary>The bureau's keys registered once per class (parsing 34 MB of Galois keys is the slow step).</summary>
public sealed class RegisteredKeys : IDisposable
{
    private readonly TempDirectory dir = new();

    public RegisteredKeys()
    {
        Registry = new SealKeyRegistry(new BlobStore(dir.File("blobs")), dir.File("keys"));
        KeyId = Registry.Register(Bureau.ParametersBlob, Bureau.PublicKeyBlob, Bureau.GaloisKeysBlob).KeyId.ToString();
    }

    public BureauKeys Bureau { get; } = new();

    public SealKeyRegistry Registry { get; }

    public string KeyId { get; }

    public void Dispose() => dir.Dispose();
}
