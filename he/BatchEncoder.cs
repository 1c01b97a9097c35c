namespace GovChain.He;

/// <summary>
/// SEAL's batching: n slots as a 2 × n/2 matrix. Slot i of row 0 is m(ψ^(3^i)) and slot i of row 1 is m(ψ^(−3^i)),
/// so rotating rows is X ↦ X^3 and swapping rows is X ↦ X^(2n−1).
/// </summary>
public sealed class BatchEncoder
{
    private readonly HeContext context;
    private readonly int[] slotToNttIndex;

    public BatchEncoder(HeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        var n = context.N;
        var logN = System.Numerics.BitOperations.Log2((uint)n);
        var rowSize = n / 2;
        var m = 2UL * (ulong)n;
        slotToNttIndex = new int[n];
        ulong position = 1;
        for (var i = 0; i < rowSize; i++)
        {
            // NTT slot k evaluates at ψ^(2·rev(k)+1), so exponent e sits at rev((e − 1)/2).
            var first = (position - 1) >> 1;
            var second = (m - position - 1) >> 1;
            slotToNttIndex[i] = (int)Arithmetic.NttTables.ReverseBits((uint)first, logN);
            slotToNttIndex[rowSize + i] = (int)Arithmetic.NttTables.ReverseBits((uint)second, logN);
            position = position * 3 % m;
        }
    }

    public int SlotCount => context.N;

    /// <summary>Encodes up to n values (each below t); missing slots are zero.</summary>
    public Plaintext Encode(ReadOnlySpan<ulong> values)
    {
        var n = context.N;
        var t = context.PlainModulus.Value;
        if (values.Length > n)
        {
            throw new ArgumentException($"at most {n} values fit", nameof(values));
        }

        var poly = new ulong[n];
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] >= t)
            {
                throw new ArgumentOutOfRangeException(nameof(values), $"slot value {values[i]} is not below t = {t}");
            }

            poly[slotToNttIndex[i]] = values[i];
        }

        context.PlainNtt.Inverse(poly);
        return new Plaintext(ParmsId.Zero, poly);
    }

    /// <summary>Encodes signed values, each reduced into [0, t).</summary>
    public Plaintext Encode(ReadOnlySpan<long> values)
    {
        var t = context.PlainModulus.Value;
        var reduced = new ulong[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var v = values[i] % (long)t;
            reduced[i] = v < 0 ? (ulong)(v + (long)t) : (ulong)v;
        }

        return Encode(reduced);
    }

    public ulong[] Decode(Plaintext plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (plain.IsNttForm || plain.Coefficients.Length > context.N)
        {
            throw new ArgumentException("not a batched plaintext of these parameters", nameof(plain));
        }

        var poly = new ulong[context.N];
        plain.Coefficients.CopyTo(poly, 0);
        context.PlainNtt.Forward(poly);
        var slots = new ulong[context.N];
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = poly[slotToNttIndex[i]];
        }

        return slots;
    }
}
