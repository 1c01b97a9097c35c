using GovChain.He.Serialization;

namespace GovChain.He;

/// <summary>
/// A BFV plaintext: n coefficients modulo t (parms_id zero), or an NTT-form polynomial at a level (how SEAL stores
/// the secret key). Serialized as SEAL 4.1 does: parms_id, coeff_count, scale, then a DynArray of words.
/// </summary>
public sealed class Plaintext
{
    public Plaintext(ParmsId parmsId, ulong[] coefficients)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ParmsId = parmsId;
        Coefficients = coefficients;
    }

    public ParmsId ParmsId { get; }

    public bool IsNttForm => ParmsId != ParmsId.Zero;

    /// <summary>Coefficients mod t, or residues prime by prime when in NTT form.</summary>
    public ulong[] Coefficients { get; }

    public byte[] Save(ComprMode compression = ComprMode.None) => SealObject.Frame(compression, w =>
    {
        w.WriteParmsId(ParmsId);
        w.WriteUInt64((ulong)Coefficients.Length);
        w.WriteDouble(1.0);
        w.WriteDynArray(Coefficients);
    });

    public static Plaintext Load(HeContext context, ReadOnlySpan<byte> blob) => Load(context, blob, "Plaintext");

    internal static Plaintext Load(HeContext context, ReadOnlySpan<byte> blob, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        var members = SealObject.Unframe(blob, what);
        var r = new SealReader(members, what);
        var parmsId = r.ReadParmsId();
        var count = r.ReadUInt64();
        var scale = r.ReadDouble();
        if (scale != 1.0)
        {
            throw new HeFormatException($"{what}: scale {scale} is not 1 (BFV)");
        }

        RnsLevel? level = null;
        if (parmsId != ParmsId.Zero)
        {
            level = context.LevelOf(parmsId) ?? throw new HeFormatException($"{what}: parms_id {parmsId} does not match the parameters");
            if (count != (ulong)level.WordCount)
            {
                throw new HeFormatException($"{what}: NTT plaintext has {count} words, expected {level.WordCount}");
            }
        }
        else if (count > (ulong)context.N)
        {
            throw new HeFormatException($"{what}: {count} coefficients exceed n = {context.N}");
        }

        var data = r.ReadDynArray((long)count);
        r.ExpectEnd();
        if (level is not null)
        {
            level.CheckReduced(data, what);
        }
        else
        {
            var t = context.PlainModulus.Value;
            foreach (var c in data)
            {
                if (c >= t)
                {
                    throw new HeFormatException($"{what}: coefficient {c} is not reduced modulo t = {t}");
                }
            }
        }

        return new Plaintext(parmsId, data);
    }
}
