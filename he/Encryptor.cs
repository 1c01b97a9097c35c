using GovChain.He.Hashing;
using GovChain.He.Keys;

namespace GovChain.He;

/// <summary>BFV encryption at the data level: with a public key (anyone) or with the secret key (symmetric).</summary>
public sealed class Encryptor
{
    private readonly HeContext context;
    private readonly PublicKey? publicKey;
    private readonly SecretKey? secretKey;
    private readonly Blake2xbRandom random;

    public Encryptor(HeContext context, PublicKey? publicKey, SecretKey? secretKey = null, Blake2xbRandom? random = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (publicKey is null && secretKey is null)
        {
            throw new ArgumentException("an encryptor needs a public or a secret key");
        }

        if ((publicKey is not null && publicKey.Data.ParmsId != context.KeyLevel.ParmsId)
            || (secretKey is not null && secretKey.KeyLevel.ParmsId != context.KeyLevel.ParmsId))
        {
            throw new ArgumentException("key belongs to other parameters");
        }

        this.context = context;
        this.publicKey = publicKey;
        this.secretKey = secretKey;
        this.random = random ?? Blake2xbRandom.CreateRandom();
    }

    /// <summary>Public-key encryption: (pk0·u + e0, pk1·u + e1) + (Δm, 0).</summary>
    public Ciphertext Encrypt(Plaintext plain)
    {
        var c = EncryptZero();
        AddPlain(c, plain);
        return c;
    }

    /// <summary>Symmetric encryption: (−(a·s + e), a) + (Δm, 0).</summary>
    public Ciphertext EncryptSymmetric(Plaintext plain)
    {
        var key = secretKey ?? throw new InvalidOperationException("symmetric encryption needs the secret key");
        var level = context.DataLevel;
        var c = new Ciphertext(level, 2, isNttForm: false);
        var a = c.Poly(1);
        Sampler.Uniform(random, level, a);
        var c0 = c.Poly(0);
        PolyArithmetic.MultiplyNtt(context.KeyLevel, level.PrimeCount, a, key.Rows(level.PrimeCount), c0);
        var e = new ulong[level.WordCount];
        Sampler.Noise(random, level, e);
        level.ForwardNtt(e);
        PolyArithmetic.Add(level, c0, e, c0);
        PolyArithmetic.Negate(level, c0, c0);
        level.InverseNtt(c0);
        level.InverseNtt(a);
        AddPlain(c, plain);
        return c;
    }

    /// <summary>A fresh public-key encryption of zero.</summary>
    public Ciphertext EncryptZero()
    {
        var pk = publicKey ?? throw new InvalidOperationException("public-key encryption needs the public key");
        var level = context.DataLevel;
        var k = level.PrimeCount;
        var u = new ulong[level.WordCount];
        Sampler.Ternary(random, level, u);
        level.ForwardNtt(u);
        var c = new Ciphertext(level, 2, isNttForm: false);
        var e = new ulong[level.WordCount];
        for (var l = 0; l < 2; l++)
        {
            var poly = c.Poly(l);
            PolyArithmetic.MultiplyNtt(context.KeyLevel, k, pk.Data.Poly(l), u, poly);
            level.InverseNtt(poly);
            Sampler.Noise(random, level, e);
            PolyArithmetic.Add(level, poly, e, poly);
        }

        return c;
    }

    private void AddPlain(Ciphertext c, Plaintext plain)
    {
        if (plain.IsNttForm || plain.Coefficients.Length > context.N)
        {
            throw new ArgumentException("plaintext must hold at most n coefficients modulo t", nameof(plain));
        }

        PolyArithmetic.AddScaledPlain(context.DataLevel, context.PlainModulus.Value, plain.Coefficients, c.Poly(0), subtract: false);
    }
}
