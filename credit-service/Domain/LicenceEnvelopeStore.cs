using System.Text;
using GovChain.Ledger.Codec;
using GovChain.Wallet.Documents;

namespace GovChain.CreditService.Domain;

/// <summary>The envelopes of the licences this node issued, by licence id (file name SM3(id); atomic writes).</summary>
public sealed class LicenceEnvelopeStore
{
    private readonly string root;

    public LicenceEnvelopeStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
    }

    public void Put(LicenceEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        AtomicFile.Write(PathOf(envelope.Id), Encoding.UTF8.GetBytes(envelope.ToJson()));
    }

    /// <summary>The envelope, or null when this node did not issue the licence.</summary>
    /// <exception cref="BlobIntegrityException">The stored file no longer parses or names another licence.</exception>
    public LicenceEnvelope? TryGet(string licenceId)
    {
        string json;
        try
        {
            json = File.ReadAllText(PathOf(licenceId), Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            var envelope = LicenceEnvelope.FromJson(json);
            return envelope.Id == licenceId && envelope.VerifySignature()
                ? envelope
                : throw new BlobIntegrityException($"the stored envelope of licence {licenceId} is damaged");
        }
        catch (WalletFormatException ex)
        {
            throw new BlobIntegrityException($"the stored envelope of licence {licenceId} is damaged: {ex.Message}", ex);
        }
    }

    private string PathOf(string licenceId) => Path.Combine(root, Hash32.Compute(Encoding.UTF8.GetBytes(licenceId)) + ".env.json");
}
