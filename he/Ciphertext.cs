using GovChain.He.Hashing;
using GovChain.He.Serialization;

namespace GovChain.He;

/// <summary>
/// A BFV ciphertext (or key-switching/public key component): <see cref="Size"/> polynomials at one level, stored
/// polynomial by polynomial and prime by prime, n words each, exactly like SEAL's data layout.
/// </summary>
public sealed class Ciphertext
{
    private const ulong MaxSize = 16;
    private const byte PrngBlake2xb = 1;

    public Ciphertext(RnsLevel level, int size, bool isNttForm)
        : this(level, size, isNttForm, zeroed: true)
    {
    }

    /// <summary>With <paramref name="zeroed"/> false the caller promises to overwrite every word.</summary>
    internal Ciphertext(RnsLevel level, int size, bool isNttForm, bool zeroed)
    {
        ArgumentNullException.ThrowIfNull(level);
        Level = level;
        Size = size;
        IsNttForm = isNttForm;
        Data = zeroed ? new ulong[size * level.WordCount] : GC.AllocateUninitializedArray<ulong>(size * level.WordCount);
    }

    private Ciphertext(RnsLevel level, int size, bool isNttForm, ulong[] data)
    {
        Level = level;
        Size = size;
        IsNttForm = isNttForm;
        Data = data;
    }

    public RnsLevel Level { get; }

    public ParmsId ParmsId => Level.ParmsId;

    public int Size { get; }

    public bool IsNttForm { get; }

    public ulong[] Data { get; }

    public Span<ulong> Poly(int index) => Data.AsSpan(index * Level.WordCount, Level.WordCount);

    public Span<ulong> Row(int poly, int prime) => Data.AsSpan((poly * Level.WordCount) + (prime * Level.N), Level.N);

    public Ciphertext Clone()
    {
        var copy = new Ciphertext(Level, Size, IsNttForm, zeroed: false);
        Data.CopyTo(copy.Data, 0);
        return copy;
    }

    public byte[] Save(ComprMode compression = ComprMode.None) => SealObject.Frame(compression, WriteMembers);

    internal void WriteMembers(SealWriter w)
    {
        w.WriteParmsId(ParmsId);
        w.WriteByte(IsNttForm ? (byte)1 : (byte)0);
        w.WriteUInt64((ulong)Size);
        w.WriteUInt64((ulong)Level.N);
        w.WriteUInt64((ulong)Level.PrimeCount);
        w.WriteDouble(1.0);
        w.WriteUInt64(1);
        w.WriteDynArray(Data);
    }

    /// <summary>Loads a ciphertext at the data level (where SEAL's encryptor puts fresh ciphertexts).</summary>
    public static Ciphertext Load(HeContext context, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(context);
        var c = Load(context, blob, "Ciphertext");
        if (c.Level != context.DataLevel || c.IsNttForm)
        {
            throw new HeFormatException("Ciphertext: expected a coefficient-form ciphertext at the first data level");
        }

        return c;
    }

    /// <summary>Loads any ciphertext-shaped object, expanding a SEAL seed if the second polynomial was replaced by one.</summary>
    internal static Ciphertext Load(HeContext context, ReadOnlySpan<byte> blob, string what)
    {
        var members = SealObject.Unframe(blob, what);
        var r = new SealReader(members, what);
        var parmsId = r.ReadParmsId();
        var level = context.LevelOf(parmsId) ?? throw new HeFormatException($"{what}: parms_id {parmsId} does not match the parameters");
        var ntt = r.ReadByte();
        if (ntt > 1)
        {
            throw new HeFormatException($"{what}: is_ntt_form byte {ntt} is not a boolean");
        }

        var size = r.ReadUInt64();
        if (size is < 2 or > MaxSize)
        {
            throw new HeFormatException($"{what}: {size} polynomials is out of range (2..{MaxSize})");
        }

        var degree = r.ReadUInt64();
        var primes = r.ReadUInt64();
        if (degree != (ulong)level.N || primes != (ulong)level.PrimeCount)
        {
            throw new HeFormatException($"{what}: shape n = {degree}, {primes} primes does not match the level");
        }

        var scale = r.ReadDouble();
        var correction = r.ReadUInt64();
        if (scale != 1.0 || correction != 1)
        {
            throw new HeFormatException($"{what}: scale {scale} / correction factor {correction} are not BFV's 1 / 1");
        }

        var body = r.ReadNested("data", out var compression);
        if (compression != ComprMode.None)
        {
            throw new HeFormatException($"{what}: nested data must not be compressed");
        }

        var inner = new SealReader(body, what + "/data");
        var count = inner.ReadUInt64();
        var full = (ulong)level.WordCount * size;
        var seeded = size == 2 && count == (ulong)level.WordCount;
        if (count != full && !seeded)
        {
            throw new HeFormatException($"{what}: holds {count} words, expected {full} for {size} polynomials");
        }

        var data = new ulong[full];
        var words = inner.Take(checked((int)count * 8));
        for (var i = 0; i < (int)count; i++)
        {
            data[i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(words[(8 * i)..]);
        }

        inner.ExpectEnd();
        var c = new Ciphertext(level, (int)size, ntt == 1, data);
        if (seeded)
        {
            var info = r.ReadNested("prng", out var infoCompression);
            if (infoCompression != ComprMode.None)
            {
                throw new HeFormatException($"{what}: nested PRNG info must not be compressed");
            }

            var ir = new SealReader(info, what + "/prng");
            var type = ir.ReadByte();
            var seed = ir.Take(Blake2xbRandom.SeedBytes);
            ir.ExpectEnd();
            if (type != PrngBlake2xb)
            {
                throw new HeFormatException($"{what}: PRNG type {type} is not supported (only BLAKE2Xb)");
            }

            level.CheckReduced(c.Poly(0), what);
            Sampler.Uniform(new Blake2xbRandom(seed), level, c.Poly(1));
        }
        else
        {
            level.CheckReduced(data, what);
        }

        r.ExpectEnd();
        return c;
    }
}
