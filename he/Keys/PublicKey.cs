using GovChain.He.Serialization;

namespace GovChain.He.Keys;

/// <summary>(−(a·s + e), a) in NTT form at the key level; SEAL saves it as a Ciphertext.</summary>
public sealed class PublicKey
{
    internal PublicKey(Ciphertext data) => Data = data;

    internal Ciphertext Data { get; }

    public byte[] Save(ComprMode compression = ComprMode.None) => Data.Save(compression);

    public static PublicKey Load(HeContext context, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PublicKey(CheckKeyShape(context, Ciphertext.Load(context, blob, "PublicKey"), "PublicKey"));
    }

    internal static Ciphertext CheckKeyShape(HeContext context, Ciphertext c, string what)
    {
        if (c.Level != context.KeyLevel || !c.IsNttForm || c.Size != 2)
        {
            throw new HeFormatException($"{what}: expected two NTT-form polynomials at the key level");
        }

        return c;
    }
}
