using GovChain.Crypto;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// The recorder keys of a service node, one PKCS#8 PEM file each under <c>&lt;data&gt;/recorders/</c> (mode 0600),
/// created on first use with an atomic write so a crash never leaves half a key.
/// </summary>
internal static class RecorderKeyStore
{
    public static Sm2PrivateKey[] LoadOrCreate(string dataDirectory, int count)
    {
        var directory = Path.Combine(dataDirectory, "recorders");
        Directory.CreateDirectory(directory);
        var keys = new Sm2PrivateKey[count];
        for (var i = 0; i < count; i++)
        {
            var path = Path.Combine(directory, $"recorder-{i}.key.pem");
            if (File.Exists(path))
            {
                keys[i] = Sm2PrivateKey.FromPem(File.ReadAllText(path));
                continue;
            }

            keys[i] = Sm2PrivateKey.Generate();
            SecretFile.WriteAtomically(path, keys[i].ExportPem());
        }

        return keys;
    }
}
