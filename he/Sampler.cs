using System.Numerics;
using System.Runtime.InteropServices;
using GovChain.He.Hashing;

namespace GovChain.He;

/// <summary>Polynomial samplers over a level: uniform (bit-exact with SEAL's), ternary secrets and centred binomial noise.</summary>
internal static class Sampler
{
    /// <summary>
    /// SEAL's sample_poly_uniform: fill every word from the PRNG first, then redraw (in order) the words above the largest
    /// multiple of q, and reduce. Matching the draw order is what makes a stored seed expand to SEAL's polynomial.
    /// </summary>
    public static void Uniform(Blake2xbRandom prng, RnsLevel level, Span<ulong> destination)
    {
        prng.Fill(MemoryMarshal.AsBytes(destination));
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j];
            var maxMultiple = ulong.MaxValue - q.Reduce(ulong.MaxValue) - 1;
            var row = destination.Slice(j * level.N, level.N);
            for (var i = 0; i < row.Length; i++)
            {
                var v = row[i];
                while (v >= maxMultiple)
                {
                    v = prng.NextUInt64();
                }

                row[i] = q.Reduce(v);
            }
        }
    }

    /// <summary>Coefficients uniform in {−1, 0, 1}, written into every prime of the level.</summary>
    public static void Ternary(Blake2xbRandom prng, RnsLevel level, Span<ulong> destination)
    {
        var n = level.N;
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(n);
        prng.Fill(bytes.AsSpan(0, n));
        var values = System.Buffers.ArrayPool<sbyte>.Shared.Rent(n);
        Span<byte> one = stackalloc byte[1];
        for (var i = 0; i < n; i++)
        {
            // One byte per coefficient; rejecting 255 keeps the three values exactly equiprobable.
            var b = bytes[i];
            while (b == 255)
            {
                prng.Fill(one);
                b = one[0];
            }

            values[i] = (sbyte)((b % 3) - 1);
        }

        Spread(values.AsSpan(0, n), level, destination);
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        System.Buffers.ArrayPool<sbyte>.Shared.Return(values);
    }

    /// <summary>Centred binomial noise with 21+21 coins (σ ≈ 3.24, SEAL's default error), in every prime of the level.</summary>
    public static void Noise(Blake2xbRandom prng, RnsLevel level, Span<ulong> destination)
    {
        const int bytesPerCoefficient = 6;
        const ulong mask21 = (1UL << 21) - 1;
        var n = level.N;
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent((n * bytesPerCoefficient) + 2);
        prng.Fill(bytes.AsSpan(0, n * bytesPerCoefficient));
        var values = System.Buffers.ArrayPool<sbyte>.Shared.Rent(n);
        for (var i = 0; i < n; i++)
        {
            var w = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i * bytesPerCoefficient, 8)) & ((1UL << 42) - 1);
            values[i] = (sbyte)(BitOperations.PopCount(w & mask21) - BitOperations.PopCount(w >> 21));
        }

        Spread(values.AsSpan(0, n), level, destination);
        System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        System.Buffers.ArrayPool<sbyte>.Shared.Return(values);
    }

    /// <summary>Adds integers drawn uniformly from [−bound, bound] to every coefficient (noise flooding).</summary>
    public static void AddFlooding(Blake2xbRandom prng, RnsLevel level, Span<ulong> poly, System.Numerics.BigInteger bound)
    {
        var n = level.N;
        var width = (bound * 2) + 1;
        var bytes = (int)((width.GetBitLength() + 7) / 8) + 8;
        var buffer = new byte[bytes];
        for (var i = 0; i < n; i++)
        {
            prng.Fill(buffer);
            // 64 spare bits make the modular bias below 2^-64.
            var draw = new System.Numerics.BigInteger(buffer, isUnsigned: true) % width - bound;
            for (var j = 0; j < level.PrimeCount; j++)
            {
                var q = level.Primes[j];
                var r = (ulong)(((draw % q.Value) + q.Value) % q.Value);
                poly[(j * n) + i] = q.Add(poly[(j * n) + i], r);
            }
        }
    }

    private static void Spread(ReadOnlySpan<sbyte> values, RnsLevel level, Span<ulong> destination)
    {
        var n = level.N;
        for (var j = 0; j < level.PrimeCount; j++)
        {
            var q = level.Primes[j].Value;
            var row = destination.Slice(j * n, n);
            for (var i = 0; i < n; i++)
            {
                var v = values[i];
                row[i] = v >= 0 ? (ulong)v : q - (ulong)(-v);
            }
        }
    }
}
