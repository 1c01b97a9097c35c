using GovChain.He.Keys;

namespace GovChain.He;

/// <summary>Homomorphic operations on coefficient-form BFV ciphertexts at the data level. Inputs are never modified.</summary>
public sealed class Evaluator
{
    private readonly HeContext context;

    public Evaluator(HeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
    }

    public Ciphertext Add(Ciphertext a, Ciphertext b) => Combine(a, b, subtract: false);

    public Ciphertext Sub(Ciphertext a, Ciphertext b) => Combine(a, b, subtract: true);

    /// <summary>destination = a + b without allocating (SEAL's add with a destination).</summary>
    public void Add(Ciphertext a, Ciphertext b, Ciphertext destination)
    {
        Check(a);
        Check(b);
        Check(destination);
        if (a.Size != b.Size || destination.Size != a.Size)
        {
            throw new ArgumentException("ciphertexts differ in size");
        }

        for (var p = 0; p < a.Size; p++)
        {
            PolyArithmetic.Add(a.Level, a.Poly(p), b.Poly(p), destination.Poly(p));
        }
    }

    /// <summary>a += b, reusing a's storage (SEAL's add_inplace).</summary>
    public void AddInPlace(Ciphertext a, Ciphertext b)
    {
        Check(a);
        Check(b);
        if (a.Size != b.Size)
        {
            throw new ArgumentException("ciphertexts differ in size");
        }

        for (var p = 0; p < a.Size; p++)
        {
            PolyArithmetic.Add(a.Level, a.Poly(p), b.Poly(p), a.Poly(p));
        }
    }

    public Ciphertext Negate(Ciphertext a)
    {
        Check(a);
        var result = a.Clone();
        for (var p = 0; p < a.Size; p++)
        {
            PolyArithmetic.Negate(a.Level, result.Poly(p), result.Poly(p));
        }

        return result;
    }

    public Ciphertext AddPlain(Ciphertext a, Plaintext plain) => CombinePlain(a, plain, subtract: false);

    public Ciphertext SubPlain(Ciphertext a, Plaintext plain) => CombinePlain(a, plain, subtract: true);

    /// <summary>Multiplies every component by the centred lift of m, through the NTT.</summary>
    public Ciphertext MultiplyPlain(Ciphertext a, Plaintext plain)
    {
        Check(a);
        CheckPlain(plain);
        var level = a.Level;
        var lifted = System.Buffers.ArrayPool<ulong>.Shared.Rent(level.WordCount);
        var liftedSpan = lifted.AsSpan(0, level.WordCount);
        PolyArithmetic.LiftPlain(level, context.PlainModulus.Value, plain.Coefficients, liftedSpan);
        level.ForwardNtt(liftedSpan);
        var result = a.Clone();
        for (var p = 0; p < a.Size; p++)
        {
            var poly = result.Poly(p);
            level.ForwardNtt(poly);
            PolyArithmetic.MultiplyNtt(level, level.PrimeCount, poly, liftedSpan, poly);
            level.InverseNtt(poly);
        }

        System.Buffers.ArrayPool<ulong>.Shared.Return(lifted);
        return result;
    }

    /// <summary>Rotates both rows left by <paramref name="steps"/> (right if negative), as SEAL's rotate_rows.</summary>
    public Ciphertext RotateRows(Ciphertext a, int steps, GaloisKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var rowSize = context.N / 2;
        if (steps <= -rowSize || steps >= rowSize)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), $"must be between {-rowSize + 1} and {rowSize - 1}");
        }

        if (steps == 0)
        {
            Check(a);
            return a.Clone();
        }

        var direct = GaloisElements.FromStep(context.N, steps);
        if (keys.Has(direct))
        {
            return ApplyGalois(a, direct, keys);
        }

        // Without a key for this step, compose power-of-two rotations (all keys from CreateGaloisKeys()).
        var remaining = steps > 0 ? steps : rowSize + steps;
        var result = a;
        for (var bit = 1; remaining != 0; bit <<= 1)
        {
            if ((remaining & bit) != 0)
            {
                result = ApplyGalois(result, GaloisElements.FromStep(context.N, bit), keys);
                remaining &= ~bit;
            }
        }

        return result;
    }

    /// <summary>Swaps the two rows (Galois element 2n − 1).</summary>
    public Ciphertext RotateColumns(Ciphertext a, GaloisKeys keys) => ApplyGalois(a, GaloisElements.FromStep(context.N, 0), keys);

    /// <summary>Puts the sum of all n slots into every slot: log2(n/2) row rotations and one column swap.</summary>
    public Ciphertext SumSlots(Ciphertext a, GaloisKeys keys)
    {
        var result = a.Clone();
        for (var step = 1; step < context.N / 2; step <<= 1)
        {
            AddInPlace(result, RotateRows(result, step, keys));
        }

        AddInPlace(result, RotateColumns(result, keys));
        return result;
    }

    /// <summary>c ↦ (c0(X^g), c1(X^g)) and a key switch from s(X^g) back to s.</summary>
    public Ciphertext ApplyGalois(Ciphertext a, ulong galoisElement, GaloisKeys keys)
    {
        Check(a);
        ArgumentNullException.ThrowIfNull(keys);
        if (a.Size != 2)
        {
            throw new ArgumentException("Galois automorphisms need a two-polynomial ciphertext", nameof(a));
        }

        if (!keys.Keys.TryGetValue(galoisElement, out var key))
        {
            throw new ArgumentException($"no Galois key for element {galoisElement}", nameof(keys));
        }

        if (keys.Context.KeyLevel.ParmsId != context.KeyLevel.ParmsId)
        {
            throw new ArgumentException("Galois keys belong to other parameters", nameof(keys));
        }

        var level = a.Level;
        var n = level.N;
        var result = new Ciphertext(level, 2, isNttForm: false);
        var rotatedC1 = System.Buffers.ArrayPool<ulong>.Shared.Rent(level.WordCount);
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j].Value;
            PolyArithmetic.ApplyGalois(a.Row(0, j), galoisElement, q, result.Row(0, j));
            PolyArithmetic.ApplyGalois(a.Row(1, j), galoisElement, q, rotatedC1.AsSpan(j * n, n));
        }

        KeySwitcher.SwitchAndAdd(context, rotatedC1.AsSpan(0, level.WordCount), key, result);
        System.Buffers.ArrayPool<ulong>.Shared.Return(rotatedC1);
        return result;
    }

    private Ciphertext Combine(Ciphertext a, Ciphertext b, bool subtract)
    {
        Check(a);
        Check(b);
        if (a.Size != b.Size)
        {
            throw new ArgumentException("ciphertexts differ in size");
        }

        var result = new Ciphertext(a.Level, a.Size, isNttForm: false, zeroed: false);
        for (var p = 0; p < a.Size; p++)
        {
            if (subtract)
            {
                PolyArithmetic.Sub(a.Level, a.Poly(p), b.Poly(p), result.Poly(p));
            }
            else
            {
                PolyArithmetic.Add(a.Level, a.Poly(p), b.Poly(p), result.Poly(p));
            }
        }

        return result;
    }

    private Ciphertext CombinePlain(Ciphertext a, Plaintext plain, bool subtract)
    {
        Check(a);
        CheckPlain(plain);
        var result = a.Clone();
        PolyArithmetic.AddScaledPlain(a.Level, context.PlainModulus.Value, plain.Coefficients, result.Poly(0), subtract);
        return result;
    }

    private void Check(Ciphertext a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (a.Level.ParmsId != context.DataLevel.ParmsId || a.IsNttForm)
        {
            throw new ArgumentException("ciphertext must be in coefficient form at the data level of these parameters");
        }
    }

    private void CheckPlain(Plaintext plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (plain.IsNttForm || plain.Coefficients.Length > context.N)
        {
            throw new ArgumentException("plaintext must hold at most n coefficients modulo t", nameof(plain));
        }
    }
}
