using System.Numerics;
using System.Runtime.CompilerServices;

namespace GovChain.He.Arithmetic;

/// <summary>
/// The negacyclic NTT modulo one prime q ≡ 1 (mod 2n), with SEAL's choice of root (the smallest primitive 2n-th root)
/// and SEAL's output order (bit-reversed), so NTT-form keys are interchangeable with SEAL's. Butterflies are Harvey's
/// lazy ones with Shoup constants: values stay below 4q and no division runs on the hot path.
/// </summary>
public sealed class NttTables
{
    private const int Lanes = 8;

    /// <summary>AVX-512 butterflies (eight at a time) for the stages whose blocks are at least eight words wide.</summary>
    private static readonly bool UseVectors = NttVector.IsSupported;

    private readonly ulong[] roots;
    private readonly ulong[] rootsShoup;
    private readonly ulong[] invRoots;
    private readonly ulong[] invRootsShoup;
    private readonly ulong invN;
    private readonly ulong invNShoup;
    // ψ^-1 of the last inverse stage times 1/n, so that stage also applies the final scaling.
    private readonly ulong lastInvRootScaled;
    private readonly ulong lastInvRootScaledShoup;

    public NttTables(int n, Modulus modulus)
    {
        if (n < 2 || !BitOperations.IsPow2(n))
        {
            throw new HeFormatException($"NTT size {n} is not a power of two");
        }

        if (modulus.BitCount > 60 || (modulus.Value - 1) % (2UL * (ulong)n) != 0 || !modulus.IsPrime())
        {
            throw new HeFormatException($"{modulus.Value} is not a prime ≡ 1 mod {2 * n} of at most 60 bits");
        }

        N = n;
        Modulus = modulus;
        LogN = BitOperations.Log2((uint)n);
        Root = MinimalPrimitiveRoot(2UL * (ulong)n, modulus);
        roots = new ulong[n];
        rootsShoup = new ulong[n];
        invRoots = new ulong[n];
        invRootsShoup = new ulong[n];
        var inverseRoot = modulus.Inverse(Root);
        ulong power = 1;
        ulong invPower = 1;
        for (var i = 0; i < n; i++)
        {
            var slot = (int)ReverseBits((uint)i, LogN);
            roots[slot] = power;
            rootsShoup[slot] = modulus.ShoupOf(power);
            invRoots[slot] = invPower;
            invRootsShoup[slot] = modulus.ShoupOf(invPower);
            power = modulus.Mul(power, Root);
            invPower = modulus.Mul(invPower, inverseRoot);
        }

        invN = modulus.Inverse((ulong)n);
        invNShoup = modulus.ShoupOf(invN);
        lastInvRootScaled = modulus.Mul(invRoots[1], invN);
        lastInvRootScaledShoup = modulus.ShoupOf(lastInvRootScaled);
    }

    public int N { get; }

    public int LogN { get; }

    public Modulus Modulus { get; }

    /// <summary>The primitive 2n-th root ψ: output slot k holds a(ψ^(2·rev(k)+1)).</summary>
    public ulong Root { get; }

    public static uint ReverseBits(uint x, int bits) => bits == 0 ? 0 : BitReverse(x) >> (32 - bits);

    /// <summary>In-place forward transform of coefficients in [0, q) to evaluations in [0, q).</summary>
    public unsafe void Forward(Span<ulong> a)
    {
        if (a.Length != N)
        {
            throw new ArgumentException($"expected {N} coefficients", nameof(a));
        }

        var q = Modulus.Value;
        var twoQ = 2 * q;
        var n = N;
        fixed (ulong* p = a)
        fixed (ulong* w = roots)
        fixed (ulong* ws = rootsShoup)
        {
            var t = n >> 1;
            var m = 1;
            for (; t >= 4; m <<= 1, t >>= 1)
            {
                for (var i = 0; i < m; i++)
                {
                    var root = w[m + i];
                    var rootShoup = ws[m + i];
                    var x = p + (2 * i * t);
                    var y = x + t;
                    if (UseVectors && t >= Lanes)
                    {
                        NttVector.ForwardButterflies(x, y, t, root, rootShoup, q);
                        continue;
                    }

                    for (var j = 0; j < t; j++)
                    {
                        ForwardButterfly(x + j, y + j, root, rootShoup, q, twoQ);
                    }
                }
            }

            // The last two stages have one or two butterflies per root: unrolled, since loop overhead would dominate.
            if (t == 2)
            {
                for (var i = 0; i < m; i++)
                {
                    var root = w[m + i];
                    var rootShoup = ws[m + i];
                    var x = p + (4 * i);
                    ForwardButterfly(x, x + 2, root, rootShoup, q, twoQ);
                    ForwardButterfly(x + 1, x + 3, root, rootShoup, q, twoQ);
                }

                m <<= 1;
            }

            // The final stage also brings the lazy outputs, below 4q, down to [0, q).
            for (var i = 0; i < m; i++)
            {
                var x = p + (2 * i);
                var u = Modulus.SubtractIfAtLeast(x[0], twoQ);
                var v = Modulus.MulShoupLazy(x[1], w[m + i], ws[m + i], q);
                x[0] = ReduceBelowFourQ(u + v, q, twoQ);
                x[1] = ReduceBelowFourQ(u + twoQ - v, q, twoQ);
            }
        }
    }

    /// <summary>In-place inverse transform of evaluations in [0, q) back to coefficients in [0, q).</summary>
    public unsafe void Inverse(Span<ulong> a)
    {
        if (a.Length != N)
        {
            throw new ArgumentException($"expected {N} coefficients", nameof(a));
        }

        var q = Modulus.Value;
        var twoQ = 2 * q;
        var n = N;
        fixed (ulong* p = a)
        fixed (ulong* w = invRoots)
        fixed (ulong* ws = invRootsShoup)
        {
            var t = 1;
            var m = n >> 1;
            if (m >= 2)
            {
                for (var i = 0; i < m; i++)
                {
                    var x = p + (2 * i);
                    InverseButterfly(x, x + 1, w[m + i], ws[m + i], q, twoQ);
                }

                m >>= 1;
                t = 2;
            }

            if (m >= 2)
            {
                for (var i = 0; i < m; i++)
                {
                    var root = w[m + i];
                    var rootShoup = ws[m + i];
                    var x = p + (4 * i);
                    InverseButterfly(x, x + 2, root, rootShoup, q, twoQ);
                    InverseButterfly(x + 1, x + 3, root, rootShoup, q, twoQ);
                }

                m >>= 1;
                t = 4;
            }

            for (; m >= 2; m >>= 1, t <<= 1)
            {
                for (var i = 0; i < m; i++)
                {
                    var root = w[m + i];
                    var rootShoup = ws[m + i];
                    var x = p + (2 * i * t);
                    var y = x + t;
                    if (UseVectors && t >= Lanes)
                    {
                        NttVector.InverseButterflies(x, y, t, root, rootShoup, q);
                        continue;
                    }

                    for (var j = 0; j < t; j++)
                    {
                        InverseButterfly(x + j, y + j, root, rootShoup, q, twoQ);
                    }
                }
            }

            // The final stage folds in the scaling by 1/n (and ψ^-1·(1/n) on the odd half), saving a pass.
            var scale = invN;
            var scaleShoup = invNShoup;
            var rootScale = lastInvRootScaled;
            var rootScaleShoup = lastInvRootScaledShoup;
            var top = p;
            var bottom = p + t;
            var j0 = 0;
            if (UseVectors && t >= Lanes)
            {
                NttVector.InverseLastButterflies(top, bottom, t, scale, scaleShoup, rootScale, rootScaleShoup, q);
                j0 = t;
            }

            for (var j = j0; j < t; j++)
            {
                var u = top[j];
                var v = bottom[j];
                var sum = Modulus.MulShoupLazy(u + v, scale, scaleShoup, q);
                var difference = Modulus.MulShoupLazy(u + twoQ - v, rootScale, rootScaleShoup, q);
                top[j] = Modulus.SubtractIfAtLeast(sum, q);
                bottom[j] = Modulus.SubtractIfAtLeast(difference, q);
            }
        }
    }

    /// <summary>Harvey's forward butterfly: inputs below 4q, outputs below 4q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void ForwardButterfly(ulong* x, ulong* y, ulong root, ulong rootShoup, ulong q, ulong twoQ)
    {
        // Branch-free conditional subtractions: NTT inputs are random, so branches would mispredict.
        var u = Modulus.SubtractIfAtLeast(*x, twoQ);
        var v = Modulus.MulShoupLazy(*y, root, rootShoup, q);
        *x = u + v;
        *y = u + twoQ - v;
    }

    /// <summary>Harvey's inverse butterfly: inputs below 2q, outputs below 2q.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void InverseButterfly(ulong* x, ulong* y, ulong root, ulong rootShoup, ulong q, ulong twoQ)
    {
        var u = *x;
        var v = *y;
        *x = Modulus.SubtractIfAtLeast(u + v, twoQ);
        *y = Modulus.MulShoupLazy(u + twoQ - v, root, rootShoup, q);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ReduceBelowFourQ(ulong x, ulong q, ulong twoQ) =>
        Modulus.SubtractIfAtLeast(Modulus.SubtractIfAtLeast(x, twoQ), q);

    private static uint BitReverse(uint x)
    {
        x = ((x >> 1) & 0x55555555u) | ((x & 0x55555555u) << 1);
        x = ((x >> 2) & 0x33333333u) | ((x & 0x33333333u) << 2);
        x = ((x >> 4) & 0x0F0F0F0Fu) | ((x & 0x0F0F0F0Fu) << 4);
        x = ((x >> 8) & 0x00FF00FFu) | ((x & 0x00FF00FFu) << 8);
        return (x >> 16) | (x << 16);
    }

    /// <summary>The smallest primitive m-th root of unity: every choice of generator leads to the same answer.</summary>
    private static ulong MinimalPrimitiveRoot(ulong m, Modulus modulus)
    {
        var q = modulus.Value;
        var exponent = (q - 1) / m;
        ulong root = 0;
        for (ulong g = 2; g < q; g++)
        {
            var candidate = modulus.Pow(g, exponent);
            if (modulus.Pow(candidate, m / 2) == q - 1)
            {
                root = candidate;
                break;
            }
        }

        if (root == 0)
        {
            throw new HeFormatException($"no primitive {m}-th root of unity modulo {q}");
        }

        var square = modulus.Mul(root, root);
        var current = root;
        var best = root;
        for (ulong i = 0; i < m / 2; i++)
        {
            if (current < best)
            {
                best = current;
            }

            current = modulus.Mul(current, square);
        }

        return best;
    }
}
