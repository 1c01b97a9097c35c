using GovChain.He.Hashing;
using GovChain.He.Keys;

namespace GovChain.He;

/// <summary>Generates the secret key, the public key and Galois (rotation) keys the way SEAL structures them.</summary>
public sealed class KeyGenerator
{
    private readonly HeContext context;
    private readonly Blake2xbRandom random;

    /// <summary>Creates a fresh secret key. <paramref name="random"/> defaults to an OS-seeded generator.</summary>
    public KeyGenerator(HeContext context, Blake2xbRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        this.random = random ?? Blake2xbRandom.CreateRandom();
        var level = context.KeyLevel;
        var s = new ulong[level.WordCount];
        Sampler.Ternary(this.random, level, s);
        level.ForwardNtt(s);
        SecretKey = new SecretKey(level, s);
    }

    /// <summary>Derives further keys from an existing secret key.</summary>
    public KeyGenerator(HeContext context, SecretKey secretKey, Blake2xbRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.KeyLevel.ParmsId != context.KeyLevel.ParmsId)
        {
            throw new ArgumentException("secret key belongs to other parameters", nameof(secretKey));
        }

        this.context = context;
        this.random = random ?? Blake2xbRandom.CreateRandom();
        SecretKey = secretKey;
    }

    public SecretKey SecretKey { get; }

    public PublicKey CreatePublicKey() => new(EncryptZeroNtt());

    /// <summary>Keys for the given row-rotation steps (0 means the column swap).</summary>
    public GaloisKeys CreateGaloisKeys(IEnumerable<int> steps) =>
        CreateGaloisKeysForElements(steps.Select(s => GaloisElements.FromStep(context.N, s)));

    /// <summary>SEAL's default set: the column swap and rotations by ±2^i, enough for any rotation and for slot sums.</summary>
    public GaloisKeys CreateGaloisKeys() => CreateGaloisKeysForElements(GaloisElements.PowerOfTwo(context.N));

    public GaloisKeys CreateGaloisKeysForElements(IEnumerable<ulong> elements)
    {
        var level = context.KeyLevel;
        var n = context.N;
        var coefficientS = (ulong[])SecretKey.NttData.Clone();
        level.InverseNtt(coefficientS);
        var keys = new Dictionary<ulong, Ciphertext[]>();
        foreach (var g in elements.Distinct())
        {
            GaloisElements.Check(n, g);
            var rotated = new ulong[level.WordCount];
            for (var j = 0; j < level.PrimeCount; j++)
            {
                PolyArithmetic.ApplyGalois(coefficientS.AsSpan(j * n, n), g, level.Primes[j].Value, rotated.AsSpan(j * n, n));
            }

            level.ForwardNtt(rotated);
            keys[g] = SwitchingKey(rotated);
        }

        return new GaloisKeys(context, keys);
    }

    /// <summary>One encryption of zero per data prime j, with P·s' added on row j: SEAL's key-switching key shape.</summary>
    private Ciphertext[] SwitchingKey(ulong[] newKeyNtt)
    {
        var level = context.KeyLevel;
        var n = context.N;
        var special = context.SpecialPrime.Value;
        var parts = new Ciphertext[context.DataLevel.PrimeCount];
        for (var j = 0; j < parts.Length; j++)
        {
            var part = EncryptZeroNtt();
            var q = level.Primes[j];
            var factor = q.Reduce(special);
            var row = part.Row(0, j);
            var source = newKeyNtt.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                row[i] = q.Add(row[i], q.Mul(source[i], factor));
            }

            parts[j] = part;
        }

        return parts;
    }

    /// <summary>(−(a·s + e), a) at the key level, NTT form.</summary>
    private Ciphertext EncryptZeroNtt()
    {
        var level = context.KeyLevel;
        var c = new Ciphertext(level, 2, isNttForm: true);
        Sampler.Uniform(random, level, c.Poly(1));
        var e = new ulong[level.WordCount];
        Sampler.Noise(random, level, e);
        level.ForwardNtt(e);
        var c0 = c.Poly(0);
        PolyArithmetic.MultiplyNtt(level, level.PrimeCount, c.Poly(1), SecretKey.NttData, c0);
        PolyArithmetic.Add(level, c0, e, c0);
        PolyArithmetic.Negate(level, c0, c0);
        return c;
    }
}
