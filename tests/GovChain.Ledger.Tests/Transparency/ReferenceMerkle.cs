namespace GovChain.Ledger.Tests.Transparency;

/// <summary>
/// RFC 9162 §2.1 transcribed literally over lists — MTH, PATH and PROOF/SUBPROOF by recursion on D[0:k] and D[k:n],
/// no caching — as the independent recomputation the production tree must agree with.
/// </summary>
internal sealed class ReferenceMerkle(Func<byte[], byte[]> hash)
{
    public byte[] Mth(IReadOnlyList<byte[]> d)
    {
        if (d.Count == 0)
        {
            return hash([]);
        }

        if (d.Count == 1)
        {
            return hash([0x00, .. d[0]]);
        }

        var k = K(d.Count);
        return hash([0x01, .. Mth(Slice(d, 0, k)), .. Mth(Slice(d, k, d.Count))]);
    }

    public List<byte[]> Path(int m, IReadOnlyList<byte[]> d)
    {
        if (d.Count <= 1)
        {
            return [];
        }

        var k = K(d.Count);
        return m < k
            ? [.. Path(m, Slice(d, 0, k)), Mth(Slice(d, k, d.Count))]
            : [.. Path(m - k, Slice(d, k, d.Count)), Mth(Slice(d, 0, k))];
    }

    public List<byte[]> Proof(int m, IReadOnlyList<byte[]> d) => m == 0 || m == d.Count ? [] : SubProof(m, d, true);

    private List<byte[]> SubProof(int m, IReadOnlyList<byte[]> d, bool b)
    {
        if (m == d.Count)
        {
            return b ? [] : [Mth(d)];
        }

        var k = K(d.Count);
        return m <= k
            ? [.. SubProof(m, Slice(d, 0, k), b), Mth(Slice(d, k, d.Count))]
            : [.. SubProof(m - k, Slice(d, k, d.Count), false), Mth(Slice(d, 0, k))];
    }

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }

    private static List<byte[]> Slice(IReadOnlyList<byte[]> d, int from, int to) => [.. d.Skip(from).Take(to - from)];
}
