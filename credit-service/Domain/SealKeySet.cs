using GovChain.He;
using GovChain.He.Keys;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// A bureau's uploaded BFV parameters, public key and Galois keys, parsed and checked once: the parameters pass the
/// he/ security check, the keys belong to them, the Galois keys cover every rotation the slot sum needs, and the
/// scorer can flood the noise (n ≥ 8192 for the default chains).
/// </summary>
public sealed class SealKeySet
{
    private SealKeySet(Hash32 keyId, HeContext context, PublicKey publicKey, GaloisKeys galoisKeys)
    {
        KeyId = keyId;
        Context = context;
        PublicKey = publicKey;
        GaloisKeys = galoisKeys;
    }

    /// <summary>SM3 over the three uploaded blobs (length-prefixed), so the same upload always gets the same id.</summary>
    public Hash32 KeyId { get; }

    public HeContext Context { get; }

    public PublicKey PublicKey { get; }

    public GaloisKeys GaloisKeys { get; }

    public static Hash32 ComputeKeyId(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> galoisKeys)
    {
        var w = new CanonicalWriter(parameters.Length + publicKey.Length + galoisKeys.Length + 64);
        w.WriteString("GovChain.sealkeys.v1");
        w.WriteBytes(parameters);
        w.WriteBytes(publicKey);
        w.WriteBytes(galoisKeys);
        return Hash32.Compute(w.WrittenSpan);
    }

    /// <exception cref="MalformedInputException">A blob does not parse, or the set is unusable; the field is named.</exception>
    public static SealKeySet Parse(ReadOnlySpan<byte> parameters, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> galoisKeys)
    {
        var context = Load("parameters", parameters, b => new HeContext(EncryptionParameters.Load(b)));
        var pk = Load("public_key", publicKey, b => PublicKey.Load(context, b));
        var gk = Load("galois_keys", galoisKeys, b => GaloisKeys.Load(context, b));
        var missing = RequiredGaloisElements(context.N).Where(g => !gk.Has(g)).ToArray();
        if (missing.Length > 0)
        {
            throw new MalformedInputException("galois_keys", $"missing the keys for Galois elements {string.Join(", ", missing)} that the slot sum needs");
        }

        try
        {
            _ = new HomomorphicScorer(context, gk, pk);
        }
        catch (HeFormatException ex)
        {
            throw new MalformedInputException("parameters", ex.Message, ex);
        }

        return new SealKeySet(ComputeKeyId(parameters, publicKey, galoisKeys), context, pk, gk);
    }

    /// <summary>The column swap and the row rotations by 1, 2, 4, … n/4 that <see cref="Evaluator.SumSlots"/> applies.</summary>
    public static IEnumerable<ulong> RequiredGaloisElements(int n)
    {
        yield return GaloisElements.FromStep(n, 0);
        for (var step = 1; step < n / 2; step <<= 1)
        {
            yield return GaloisElements.FromStep(n, step);
        }
    }

    private delegate T Loader<out T>(ReadOnlySpan<byte> blob);

    private static T Load<T>(string field, ReadOnlySpan<byte> blob, Loader<T> load)
    {
        if (blob.IsEmpty)
        {
            throw new MalformedInputException(field, "is empty");
        }

        try
        {
            return load(blob);
        }
        catch (HeFormatException ex)
        {
            throw new MalformedInputException(field, ex.Message, ex);
        }
    }
}
