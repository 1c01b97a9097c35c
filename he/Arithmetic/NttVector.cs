using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.He.Arithmetic;

/// <summary>
/// Harvey butterflies on eight lanes with AVX-512. The exact integer operations of the scalar butterflies, so results are
/// identical word for word; the only extra is the high half of a 64×64 product, built from four 32×32 products since
/// AVX-512 has no 64-bit multiply-high.
/// </summary>
internal static class NttVector
{
    public static bool IsSupported => Avx512F.IsSupported && Avx512DQ.IsSupported;

    /// <summary>Forward butterflies on x[0..count) and y[0..count) (count a multiple of 8): inputs and outputs below 4q.</summary>
    public static unsafe void ForwardButterflies(ulong* x, ulong* y, int count, ulong root, ulong rootShoup, ulong q)
    {
        var vq = Vector512.Create(q);
        var twoQ = Vector512.Create(2 * q);
        var w = Vector512.Create(root);
        var ws = Vector512.Create(rootShoup);
        var wsHigh = Vector512.Create(rootShoup >> 32);
        for (var j = 0; j < count; j += 8)
        {
            var a = Vector512.Load(x + j);
            var b = Vector512.Load(y + j);
            var u = Vector512.Min(a, a - twoQ);
            var v = (b * w) - (MultiplyHigh(b, ws, wsHigh) * vq);
            (u + v).Store(x + j);
            (u + twoQ - v).Store(y + j);
        }
    }

    /// <summary>Inverse butterflies (Gentleman–Sande): inputs and outputs below 2q.</summary>
    public static unsafe void InverseButterflies(ulong* x, ulong* y, int count, ulong root, ulong rootShoup, ulong q)
    {
        var vq = Vector512.Create(q);
        var twoQ = Vector512.Create(2 * q);
        var w = Vector512.Create(root);
        var ws = Vector512.Create(rootShoup);
        var wsHigh = Vector512.Create(rootShoup >> 32);
        for (var j = 0; j < count; j += 8)
        {
            var a = Vector512.Load(x + j);
            var b = Vector512.Load(y + j);
            var s = a + b;
            Vector512.Min(s, s - twoQ).Store(x + j);
            var d = a + twoQ - b;
            ((d * w) - (MultiplyHigh(d, ws, wsHigh) * vq)).Store(y + j);
        }
    }

    /// <summary>The last inverse stage with the 1/n scaling folded in; outputs fully reduced below q.</summary>
    public static unsafe void InverseLastButterflies(
        ulong* x, ulong* y, int count, ulong scale, ulong scaleShoup, ulong rootScale, ulong rootScaleShoup, ulong q)
    {
        var vq = Vector512.Create(q);
        var twoQ = Vector512.Create(2 * q);
        var c = Vector512.Create(scale);
        var cs = Vector512.Create(scaleShoup);
        var csHigh = Vector512.Create(scaleShoup >> 32);
        var w = Vector512.Create(rootScale);
        var ws = Vector512.Create(rootScaleShoup);
        var wsHigh = Vector512.Create(rootScaleShoup >> 32);
        for (var j = 0; j < count; j += 8)
        {
            var a = Vector512.Load(x + j);
            var b = Vector512.Load(y + j);
            var s = a + b;
            var d = a + twoQ - b;
            var sum = (s * c) - (MultiplyHigh(s, cs, csHigh) * vq);
            var difference = (d * w) - (MultiplyHigh(d, ws, wsHigh) * vq);
            Vector512.Min(sum, sum - vq).Store(x + j);
            Vector512.Min(difference, difference - vq).Store(y + j);
        }
    }

    /// <summary>floor(a·b / 2^64) per lane; <paramref name="bHigh"/> is b &gt;&gt; 32.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<ulong> MultiplyHigh(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> bHigh)
    {
        var aHigh = Vector512.ShiftRightLogical(a, 32);
        var lowLow = Avx512F.Multiply(a.AsUInt32(), b.AsUInt32());
        var lowHigh = Avx512F.Multiply(a.AsUInt32(), bHigh.AsUInt32());
        var highLow = Avx512F.Multiply(aHigh.AsUInt32(), b.AsUInt32());
        var highHigh = Avx512F.Multiply(aHigh.AsUInt32(), bHigh.AsUInt32());
        var mask = Vector512.Create(0xFFFF_FFFFUL);
        // The middle column: at most three 32-bit terms, so its carry into the high half fits easily.
        var middle = Vector512.ShiftRightLogical(lowLow, 32) + (lowHigh & mask) + (highLow & mask);
        return highHigh + Vector512.ShiftRightLogical(lowHigh, 32) + Vector512.ShiftRightLogical(highLow, 32)
            + Vector512.ShiftRightLogical(middle, 32);
    }
}
