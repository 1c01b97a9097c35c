using System.Runtime.Intrinsics;

namespace GovChain.He.Arithmetic;

/// <summary>
/// AVX-512 forms of the key-switching loops: the inner product as 128-bit lazy sums of 64×64 products with one exact
/// reduction, and the final division by the special prime. Word for word the results of the scalar loops (see
/// <see cref="NttVector"/> for the multiply-high).
/// </summary>
internal static class KeySwitchVector
{
    public static bool IsSupported => NttVector.IsSupported;

    /// <summary>(high, low) += x·y per word, over count words (a multiple of 8).</summary>
    public static unsafe void MultiplyAccumulate(ulong* x, ulong* y, ulong* low, ulong* high, int count)
    {
        for (var i = 0; i < count; i += 8)
        {
            var a = Vector512.Load(x + i);
            var b = Vector512.Load(y + i);
            var productLow = a * b;
            var productHigh = NttVector.MultiplyHigh(a, b, Vector512.ShiftRightLogical(b, 32));
            var sum = Vector512.Load(low + i) + productLow;
            sum.Store(low + i);
            // A lane whose low word wrapped compares below the addend; the all-ones mask is −1, so subtracting carries one.
            var carry = Vector512.LessThan(sum, productLow);
            (Vector512.Load(high + i) + productHigh - carry).Store(high + i);
        }
    }

    /// <summary>
    /// result = (high·2^64 + low) mod q for high below 2^63, count a multiple of 8: high mod q and low mod q by Barrett,
    /// then high·(2^64 mod q) by Shoup, each lazy below 2q, and two final conditional subtractions.
    /// </summary>
    public static unsafe void Reduce(ulong* low, ulong* high, ulong* result, int count, Modulus modulus)
    {
        var q = modulus.Value;
        var shift = modulus.Add(modulus.Reduce(ulong.MaxValue), 1);
        var vq = Vector512.Create(q);
        var twoQ = Vector512.Create(2 * q);
        var ratio = Vector512.Create(modulus.RatioHigh);
        var ratioHigh = Vector512.Create(modulus.RatioHigh >> 32);
        var w = Vector512.Create(shift);
        var shoup = modulus.ShoupOf(shift);
        var ws = Vector512.Create(shoup);
        var wsHigh = Vector512.Create(shoup >> 32);
        for (var i = 0; i < count; i += 8)
        {
            var h = Vector512.Load(high + i);
            var l = Vector512.Load(low + i);
            var hMod = h - (NttVector.MultiplyHigh(h, ratio, ratioHigh) * vq);
            hMod = Vector512.Min(hMod, hMod - vq);
            var lMod = l - (NttVector.MultiplyHigh(l, ratio, ratioHigh) * vq);
            var shifted = (hMod * w) - (NttVector.MultiplyHigh(hMod, ws, wsHigh) * vq);
            var sum = lMod + shifted;
            sum = Vector512.Min(sum, sum - twoQ);
            Vector512.Min(sum, sum - vq).Store(result + i);
        }
    }

    /// <summary>
    /// output = output + (row − (last mod q − half mod q))·inverse mod q, per word over count words (a multiple of 8);
    /// row and output below q, last any word.
    /// </summary>
    public static unsafe void SubtractScaleAdd(
        ulong* row, ulong* last, ulong* output, int count, Modulus modulus, ulong halfModQ, ulong inverse, ulong inverseShoup)
    {
        var vq = Vector512.Create(modulus.Value);
        var ratio = Vector512.Create(modulus.RatioHigh);
        var ratioHigh = Vector512.Create(modulus.RatioHigh >> 32);
        var half = Vector512.Create(halfModQ);
        var w = Vector512.Create(inverse);
        var ws = Vector512.Create(inverseShoup);
        var wsHigh = Vector512.Create(inverseShoup >> 32);
        for (var i = 0; i < count; i += 8)
        {
            var x = Vector512.Load(last + i);
            var lastModQ = x - (NttVector.MultiplyHigh(x, ratio, ratioHigh) * vq);
            lastModQ = Vector512.Min(lastModQ, lastModQ - vq);
            // a − b mod q for a, b below q: the wrapped difference plus q is the smaller one exactly when a < b.
            var shiftedLast = lastModQ - half;
            shiftedLast = Vector512.Min(shiftedLast, shiftedLast + vq);
            var difference = Vector512.Load(row + i) - shiftedLast;
            difference = Vector512.Min(difference, difference + vq);
            var product = (difference * w) - (NttVector.MultiplyHigh(difference, ws, wsHigh) * vq);
            product = Vector512.Min(product, product - vq);
            var sum = Vector512.Load(output + i) + product;
            Vector512.Min(sum, sum - vq).Store(output + i);
        }
    }
}
