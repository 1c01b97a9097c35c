using System.Buffers.Binary;
using GovChain.He.Arithmetic;
using GovChain.He.Hashing;
using GovChain.He.Serialization;

namespace GovChain.He;

/// <summary>BFV parameters (n, q-chain, t) with SEAL's parms_id and SEAL 4.1 serialization.</summary>
public sealed class EncryptionParameters
{
    /// <summary>SEAL's scheme_type::bfv.</summary>
    public const byte SchemeBfv = 1;

    private const ulong MaxDegree = 131072;
    private const ulong MaxCoeffModulusCount = 64;

    public EncryptionParameters(int polyModulusDegree, IReadOnlyList<Modulus> coeffModulus, Modulus plainModulus)
    {
        ArgumentNullException.ThrowIfNull(coeffModulus);
        ArgumentNullException.ThrowIfNull(plainModulus);
        PolyModulusDegree = polyModulusDegree;
        CoeffModulus = coeffModulus.ToArray();
        PlainModulus = plainModulus;
        ParmsId = ComputeParmsId(polyModulusDegree, CoeffModulus, plainModulus);
    }

    public int PolyModulusDegree { get; }

    public IReadOnlyList<Modulus> CoeffModulus { get; }

    public Modulus PlainModulus { get; }

    /// <summary>The id of the key level (all primes); data levels drop primes from the end.</summary>
    public ParmsId ParmsId { get; }

    /// <summary>The BFVDefault chain for n with a batching plain modulus of the given size.</summary>
    public static EncryptionParameters BfvDefault(int n, int plainBits = 20) =>
        new(n, He.CoeffModulus.BfvDefault(n), He.PlainModulus.Batching(n, plainBits));

    internal static ParmsId ComputeParmsId(int n, IReadOnlyList<Modulus> primes, Modulus plain)
    {
        var words = new byte[8 * (primes.Count + 3)];
        BinaryPrimitives.WriteUInt64LittleEndian(words, SchemeBfv);
        BinaryPrimitives.WriteUInt64LittleEndian(words.AsSpan(8), (ulong)n);
        for (var i = 0; i < primes.Count; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(words.AsSpan(16 + (8 * i)), primes[i].Value);
        }

        BinaryPrimitives.WriteUInt64LittleEndian(words.AsSpan(16 + (8 * primes.Count)), plain.Value);
        Span<byte> hash = stackalloc byte[ParmsId.ByteCount];
        Blake2b.Hash(words, hash);
        return ParmsId.Read(hash);
    }

    public byte[] Save(ComprMode compression = ComprMode.None) => SealObject.Frame(compression, w =>
    {
        w.WriteByte(SchemeBfv);
        w.WriteUInt64((ulong)PolyModulusDegree);
        w.WriteUInt64((ulong)CoeffModulus.Count);
        foreach (var q in CoeffModulus)
        {
            w.WriteBytes(SaveModulus(q.Value));
        }

        w.WriteBytes(SaveModulus(PlainModulus.Value));
    });

    public static EncryptionParameters Load(ReadOnlySpan<byte> blob)
    {
        const string what = "EncryptionParameters";
        var members = SealObject.Unframe(blob, what);
        var r = new SealReader(members, what);
        var scheme = r.ReadByte();
        if (scheme != SchemeBfv)
        {
            throw new HeFormatException($"{what}: scheme {scheme} is not BFV");
        }

        var n = r.ReadUInt64();
        if (n is < 2 or > MaxDegree || (n & (n - 1)) != 0)
        {
            throw new HeFormatException($"{what}: poly_modulus_degree {n} is not a power of two up to {MaxDegree}");
        }

        var count = r.ReadUInt64();
        if (count is 0 or > MaxCoeffModulusCount)
        {
            throw new HeFormatException($"{what}: {count} coefficient moduli is out of range");
        }

        var primes = new Modulus[count];
        for (var i = 0; i < primes.Length; i++)
        {
            primes[i] = LoadModulus(ref r, what);
        }

        var plain = LoadModulus(ref r, what);
        r.ExpectEnd();
        return new EncryptionParameters((int)n, primes, plain);
    }

    private static byte[] SaveModulus(ulong value) => SealObject.Frame(ComprMode.None, w => w.WriteUInt64(value));

    private static Modulus LoadModulus(ref SealReader r, string what)
    {
        var body = r.ReadNested("Modulus", out var compression);
        if (compression != ComprMode.None)
        {
            throw new HeFormatException($"{what}: nested modulus must not be compressed");
        }

        var inner = new SealReader(body, what + "/Modulus");
        var value = inner.ReadUInt64();
        inner.ExpectEnd();
        return new Modulus(value);
    }
}
