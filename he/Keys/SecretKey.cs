using GovChain.He.Serialization;

namespace GovChain.He.Keys;

/// <summary>The ternary secret s in NTT form at the key level; SEAL saves it as a Plaintext.</summary>
public sealed class SecretKey
{
    internal SecretKey(RnsLevel keyLevel, ulong[] nttData)
    {
        KeyLevel = keyLevel;
        NttData = nttData;
    }

    internal RnsLevel KeyLevel { get; }

    internal ulong[] NttData { get; }

    public byte[] Save(ComprMode compression = ComprMode.None) => new Plaintext(KeyLevel.ParmsId, NttData).Save(compression);

    public static SecretKey Load(HeContext context, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(context);
        var p = Plaintext.Load(context, blob, "SecretKey");
        if (p.ParmsId != context.KeyLevel.ParmsId)
        {
            throw new HeFormatException("SecretKey: not at the key level of these parameters");
        }

        return new SecretKey(context.KeyLevel, p.Coefficients);
    }

    /// <summary>The first <paramref name="primeCount"/> NTT rows, i.e. s at a lower level.</summary>
    internal ReadOnlySpan<ulong> Rows(int primeCount) => NttData.AsSpan(0, primeCount * KeyLevel.N);
}
