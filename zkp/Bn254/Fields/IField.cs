namespace GovChain.Zkp.Bn254.Fields;

/// <summary>
/// The field operations that curve formulas need, so G1 (over F_p) and G2 (over F_p²) share one implementation.
/// Static abstract members let the JIT specialise every generic use per field, so the hot paths keep direct calls.
/// </summary>
internal interface IField<T> : IEquatable<T>
    where T : struct, IField<T>
{
    static abstract T Zero { get; }

    static abstract T One { get; }

    bool IsZero { get; }

    static abstract T operator +(in T a, in T b);

    static abstract T operator -(in T a, in T b);

    static abstract T operator -(in T a);

    static abstract T operator *(in T a, in T b);

    T Square();

    T Double();

    /// <summary>The multiplicative inverse; zero maps to zero.</summary>
    T Inverse();
}

/// <summary>Algorithms written once over <see cref="IField{T}"/>.</summary>
internal static class FieldAlgorithms
{
    /// <summary>Inverts every nonzero element in place with one field inversion (Montgomery's trick); zeros stay zero.</summary>
    public static void BatchInverse<T>(Span<T> values)
        where T : struct, IField<T>
    {
        if (values.Length == 0)
        {
            return;
        }

        var prefix = new T[values.Length];
        var acc = T.One;
        for (var i = 0; i < values.Length; i++)
        {
            prefix[i] = acc;
            if (!values[i].IsZero)
            {
                acc *= values[i];
            }
        }

        var inv = acc.Inverse();
        for (var i = values.Length - 1; i >= 0; i--)
        {
            if (values[i].IsZero)
            {
                continue;
            }

            var original = values[i];
            values[i] = inv * prefix[i];
            inv *= original;
        }
    }
}
