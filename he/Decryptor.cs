using System.Numerics;
using GovChain.He.Keys;

namespace GovChain.He;

/// <summary>BFV decryption, m = round(t·(c0 + c1·s + …)/Q) mod t, and SEAL's invariant noise budget.</summary>
public sealed class Decryptor
{
    private readonly HeContext context;
    private readonly SecretKey secretKey;

    public Decryptor(HeContext context, SecretKey secretKey)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secretKey);
        if (secretKey.KeyLevel.ParmsId != context.KeyLevel.ParmsId)
        {
            throw new ArgumentException("secret key belongs to other parameters", nameof(secretKey));
        }

        this.context = context;
        this.secretKey = secretKey;
    }

    public Plaintext Decrypt(Ciphertext encrypted)
    {
        var level = CheckLevel(encrypted);
        var x = InnerProduct(encrypted);
        var n = level.N;
        var k = level.PrimeCount;
        var t = context.PlainModulus.Value;
        var result = new ulong[n];
        for (var j = 0; j < k; j++)
        {
            var q = level.Primes[j];
            var row = x.AsSpan(j * n, n);
            for (var i = 0; i < n; i++)
            {
                row[i] = q.MulShoup(row[i], level.InverseCofactor[j], level.InverseCofactorShoup[j]);
            }
        }

        // t·x/Q = Σ y_j·t/q_j (mod t): each term in 64.64 fixed point; the fraction decides the rounding.
        for (var i = 0; i < n; i++)
        {
            ulong integer = 0;
            ulong fraction = 0;
            ulong carries = 0;
            for (var j = 0; j < k; j++)
            {
                var y = x[(j * n) + i];
                var lowHi = Math.BigMul(y, level.TOverPrimeLow[j], out _);
                var highHi = Math.BigMul(y, level.TOverPrimeHigh[j], out var highLo);
                var mid = highLo + lowHi;
                // Each term y·t/q_j is below t, and k·t stays far below 2^64 for any chain within the security table.
                integer += highHi + (mid < highLo ? 1UL : 0UL);
                var f = fraction + mid;
                carries += f < fraction ? 1UL : 0UL;
                fraction = f;
            }

            var rounded = (integer + carries + (fraction >> 63)) % t;
            result[i] = rounded;
        }

        return new Plaintext(ParmsId.Zero, result);
    }

    /// <summary>
    /// Bits of noise headroom left: log2(Q) − log2(‖t·(c0 + c1·s) mod Q‖∞) − 1, floored at zero (SEAL's definition).
    /// </summary>
    public int InvariantNoiseBudget(Ciphertext encrypted)
    {
        var level = CheckLevel(encrypted);
        var big = level.Product;
        var half = big >> 1;
        var t = new BigInteger(context.PlainModulus.Value);
        var norm = BigInteger.Zero;
        foreach (var value in Compose(level, InnerProduct(encrypted)))
        {
            var scaled = value * t % big;
            var magnitude = scaled > half ? big - scaled : scaled;
            if (magnitude > norm)
            {
                norm = magnitude;
            }
        }

        return Math.Max(0, level.BitCount - (int)norm.GetBitLength() - 1);
    }

    /// <summary>The centred noise c0 + c1·s − round(Q·m/t) per coefficient, for analysing re-randomization.</summary>
    internal BigInteger[] NoiseTerm(Ciphertext encrypted, Plaintext plain)
    {
        var level = CheckLevel(encrypted);
        var big = level.Product;
        var half = big >> 1;
        var t = new BigInteger(context.PlainModulus.Value);
        var values = Compose(level, InnerProduct(encrypted));
        for (var i = 0; i < values.Length; i++)
        {
            var m = i < plain.Coefficients.Length ? plain.Coefficients[i] : 0UL;
            var scaled = ((big * m) + (t >> 1)) / t;
            var v = ((values[i] - scaled) % big + big) % big;
            values[i] = v > half ? v - big : v;
        }

        return values;
    }

    /// <summary>CRT-composes each coefficient into [0, Q).</summary>
    private static BigInteger[] Compose(RnsLevel level, ulong[] residues)
    {
        var n = level.N;
        var big = level.Product;
        var cofactors = level.Primes.Select((q, j) => big / q.Value * level.InverseCofactor[j]).ToArray();
        var result = new BigInteger[n];
        for (var i = 0; i < n; i++)
        {
            var value = BigInteger.Zero;
            for (var j = 0; j < level.PrimeCount; j++)
            {
                value += cofactors[j] * residues[(j * n) + i];
            }

            result[i] = value % big;
        }

        return result;
    }

    private RnsLevel CheckLevel(Ciphertext encrypted)
    {
        ArgumentNullException.ThrowIfNull(encrypted);
        if (encrypted.Level != context.DataLevel || encrypted.IsNttForm)
        {
            throw new ArgumentException("ciphertext must be in coefficient form at the data level", nameof(encrypted));
        }

        return encrypted.Level;
    }

    /// <summary>c0 + c1·s + c2·s² + … in coefficient form.</summary>
    private ulong[] InnerProduct(Ciphertext encrypted)
    {
        var level = encrypted.Level;
        var k = level.PrimeCount;
        var s = secretKey.Rows(k);
        var result = encrypted.Poly(0).ToArray();
        var power = s.ToArray();
        var term = new ulong[level.WordCount];
        for (var p = 1; p < encrypted.Size; p++)
        {
            encrypted.Poly(p).CopyTo(term);
            level.ForwardNtt(term);
            PolyArithmetic.MultiplyNtt(context.KeyLevel, k, term, power, term);
            level.InverseNtt(term);
            PolyArithmetic.Add(level, result, term, result);
            if (p + 1 < encrypted.Size)
            {
                PolyArithmetic.MultiplyNtt(context.KeyLevel, k, power, s, power);
            }
        }

        return result;
    }
}
