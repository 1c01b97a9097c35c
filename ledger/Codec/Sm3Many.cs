using GovChain.Crypto;

namespace GovChain.Ledger.Codec;

/// <summary>
/// SM3 of many messages at once (a block's transactions, a batch's leaves, a level of a tree, a block's state records):
/// sixteen to a vector where the CPU has lanes (<see cref="Sm3Lanes"/>), in runs spread over the cores.
/// </summary>
internal static class Sm3Many
{
    // At most eight groups of lanes a run, so that a busy core leaves runs to the others.
    private const int MaxGroupsPerRun = 8;

    /// <summary>SM3(prefix ‖ messages[i]) into hashes[i].</summary>
    public static void Hash(byte[] prefix, byte[][] messages, Hash32[] hashes)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentOutOfRangeException.ThrowIfLessThan(hashes.Length, messages.Length);
        InRuns(messages.Length, (start, count) =>
        {
            var digests = new byte[count * Hash32.Size];
            Sm3Lanes.HashEach(prefix, messages.AsSpan(start, count), digests);
            Read(digests, hashes.AsSpan(start, count));
        });
    }

    /// <summary>SM3(prefix ‖ m_i) into hashes[i], for the consecutive <paramref name="length"/>-byte pieces m_i of <paramref name="pieces"/>.</summary>
    public static void HashPieces(byte[] prefix, byte[] pieces, int length, Hash32[] hashes)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(hashes);
        var total = pieces.Length / length;
        ArgumentOutOfRangeException.ThrowIfLessThan(hashes.Length, total);
        InRuns(total, (start, count) =>
        {
            var digests = new byte[count * Hash32.Size];
            Sm3Lanes.HashEach(prefix, pieces.AsSpan(start * length, count * length), length, digests);
            Read(digests, hashes.AsSpan(start, count));
        });
    }

    private static void InRuns(int count, Action<int, int> run)
    {
        var groups = (count + Sm3Lanes.Lanes - 1) / Sm3Lanes.Lanes;
        var perRun = Sm3Lanes.Lanes * Math.Clamp((groups + Environment.ProcessorCount - 1) / Environment.ProcessorCount, 1, MaxGroupsPerRun);
        if (count <= perRun)
        {
            run(0, count);
            return;
        }

        Parallel.For(0, (count + perRun - 1) / perRun, r => run(r * perRun, Math.Min(perRun, count - (r * perRun))));
    }

    private static void Read(ReadOnlySpan<byte> digests, Span<Hash32> hashes)
    {
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = new Hash32(digests.Slice(i * Hash32.Size, Hash32.Size));
        }
    }
}
