using GovChain.He.Serialization;

namespace GovChain.He.Keys;

/// <summary>
/// Key-switching keys from s(X^g) to s, one per Galois element g. Each key is one ciphertext per data prime
/// (SEAL's KSwitchKeys layout: a table indexed by (g − 1)/2 whose entries are empty or hold the key's ciphertexts).
/// </summary>
public sealed class GaloisKeys
{
    internal GaloisKeys(HeContext context, IReadOnlyDictionary<ulong, Ciphertext[]> keys)
    {
        Context = context;
        Keys = keys;
    }

    internal HeContext Context { get; }

    internal IReadOnlyDictionary<ulong, Ciphertext[]> Keys { get; }

    public IEnumerable<ulong> GaloisElements => Keys.Keys.Order();

    public bool Has(ulong galoisElement) => Keys.ContainsKey(galoisElement);

    public byte[] Save(ComprMode compression = ComprMode.None) => SealObject.Frame(compression, w =>
    {
        var n = Context.N;
        w.WriteParmsId(Context.KeyLevel.ParmsId);
        w.WriteUInt64((ulong)n);
        for (var index = 0; index < n; index++)
        {
            if (!Keys.TryGetValue((2UL * (ulong)index) + 1, out var key))
            {
                w.WriteUInt64(0);
                continue;
            }

            w.WriteUInt64((ulong)key.Length);
            foreach (var part in key)
            {
                w.WriteBytes(part.Save(ComprMode.None));
            }
        }
    });

    public static GaloisKeys Load(HeContext context, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(context);
        const string what = "GaloisKeys";
        var members = SealObject.Unframe(blob, what);
        var r = new SealReader(members, what);
        if (r.ReadParmsId() != context.KeyLevel.ParmsId)
        {
            throw new HeFormatException($"{what}: parms_id is not the key level of these parameters");
        }

        var dim1 = r.ReadUInt64();
        if (dim1 > (ulong)context.N)
        {
            throw new HeFormatException($"{what}: table of {dim1} entries exceeds n = {context.N}");
        }

        var keys = new Dictionary<ulong, Ciphertext[]>();
        var decomposition = context.DataLevel.PrimeCount;
        for (ulong index = 0; index < dim1; index++)
        {
            var dim2 = r.ReadUInt64();
            if (dim2 == 0)
            {
                continue;
            }

            if (dim2 != (ulong)decomposition)
            {
                throw new HeFormatException($"{what}: key {index} has {dim2} parts, expected {decomposition}");
            }

            var parts = new Ciphertext[decomposition];
            for (var j = 0; j < decomposition; j++)
            {
                var part = r.ReadObject("key");
                parts[j] = PublicKey.CheckKeyShape(context, Ciphertext.Load(context, part, what + "/key"), what);
            }

            keys[(2 * index) + 1] = parts;
        }

        r.ExpectEnd();
        if (keys.Count == 0)
        {
            throw new HeFormatException($"{what}: holds no keys");
        }

        return new GaloisKeys(context, keys);
    }
}
