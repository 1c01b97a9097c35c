using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace GovChain.Crypto;

/// <summary>
/// SM3 of many independent messages at once, sixteen to a group, each in one 32-bit lane of the AVX-512 registers.
/// One message's rounds are a serial dependency chain that leaves most of a core idle; sixteen chains side by side
/// fill it (the rotations are <c>vprold</c>, the boolean functions and three-way XORs <c>vpternlogd</c>). Without
/// AVX-512, or on the reference path, each message is hashed on its own.
/// </summary>
public static class Sm3Lanes
{
    public const int Lanes = 16;

    // A group costs the same however few of its lanes are used: below four messages, one at a time is faster.
    private const int MinVectorGroup = 4;

    private const int BlockBytes = Sm3Compression.BlockSizeInBytes;

    // T_j rotated left by j mod 32 (GB/T 32905 §4.2 and §5.3.3).
    private static readonly uint[] RoundConstants = Enumerable.Range(0, 64)
        .Select(j => uint.RotateLeft(j < 16 ? 0x79CC4519u : 0x7A879D8Au, j % 32)).ToArray();

    // vpshufb indexes within each 128-bit lane: reverse the bytes of every 32-bit word.
    private static readonly Vector512<byte> ByteSwapMask = Vector512.Create(
        (byte)3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12,
        3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12, 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12);

    private static readonly uint[] InitialValue = [0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E];

    /// <summary>True when groups of sixteen run in vector lanes here.</summary>
    public static bool IsVectorised => Avx512F.IsSupported && Avx512BW.IsSupported && CryptoFastPath.Enabled;

    /// <summary>SM3(<paramref name="prefix"/> ‖ messages[i]) into digests[32·i ..], for every i.</summary>
    public static void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte[]> messages, Span<byte> digests) =>
        HashEach(prefix, messages, digests, IsVectorised);

    /// <summary>Tests pass <paramref name="vectorised"/> = false to reach the one-by-one path on any CPU.</summary>
    internal static void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte[]> messages, Span<byte> digests, bool vectorised)
    {
        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
        }

        HashEach(prefix, new ArraySource(messages), digests, vectorised);
    }

    /// <summary>
    /// SM3(<paramref name="prefix"/> ‖ m_i) into digests[32·i ..], where m_i are the consecutive
    /// <paramref name="messageLength"/>-byte pieces of <paramref name="messages"/> (e.g. pairs of child hashes).
    /// </summary>
    public static void HashEach(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> messages, int messageLength, Span<byte> digests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(messageLength);
        if (messages.Length % messageLength != 0)
        {
            throw new ArgumentException("the messages are not a whole number of pieces", nameof(messages));
        }

        HashEach(prefix, new PieceSource(messages, messageLength), digests, IsVectorised);
    }

    private static void HashEach<TSource>(ReadOnlySpan<byte> prefix, TSource source, Span<byte> digests, bool vectorised)
        where TSource : IMessageSource, allows ref struct
    {
        var count = source.Count;
        if (digests.Length < count * Sm3.HashSizeInBytes)
        {
            throw new ArgumentException("digests holds fewer than 32 bytes a message", nameof(digests));
        }

        if (!vectorised)
        {
            HashOneByOne(prefix, source, digests);
            return;
        }

        if (!Avx512F.IsSupported || !Avx512BW.IsSupported)
        {
            throw new PlatformNotSupportedException("SM3 in vector lanes needs AVX-512");
        }

        // Lanes of a group run for as many blocks as its longest message: group messages of equal block counts.
        var order = new int[count];
        var blocks = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
            blocks[i] = PaddedBlocks(prefix.Length + source.Length(i));
        }

        Array.Sort((int[])blocks.Clone(), order);
        for (var first = 0; first < count; first += Lanes)
        {
            var group = order.AsSpan(first, Math.Min(Lanes, count - first));
            if (group.Length >= MinVectorGroup)
            {
                HashGroup(prefix, source, group, blocks, digests);
                continue;
            }

            foreach (var i in group)
            {
                HashOne(prefix, source.Message(i), digests.Slice(i * Sm3.HashSizeInBytes, Sm3.HashSizeInBytes));
            }
        }
    }

    private static void HashOneByOne<TSource>(ReadOnlySpan<byte> prefix, TSource source, Span<byte> digests)
        where TSource : IMessageSource, allows ref struct
    {
        for (var i = 0; i < source.Count; i++)
        {
            HashOne(prefix, source.Message(i), digests.Slice(i * Sm3.HashSizeInBytes, Sm3.HashSizeInBytes));
        }
    }

    private static void HashOne(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message, Span<byte> digest)
    {
        if (prefix.IsEmpty)
        {
            Sm3.HashData(message, digest);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + message.Length);
        prefix.CopyTo(buffer);
        message.CopyTo(buffer.AsSpan(prefix.Length));
        Sm3.HashData(buffer.AsSpan(0, prefix.Length + message.Length), digest);
        ArrayPool<byte>.Shared.Return(buffer);
    }

    /// <summary>
    /// Pads each message of the group (GB/T 32905 §5.2) into its own stretch of one buffer, lane after lane, then
    /// compresses: a block of each lane is one 64-byte vector, and sixteen of them transpose into the block's words.
    /// </summary>
    private static void HashGroup<TSource>(ReadOnlySpan<byte> prefix, TSource source, ReadOnlySpan<int> group, int[] blocks, Span<byte> digests)
        where TSource : IMessageSource, allows ref struct
    {
        var maxBlocks = 0;
        foreach (var i in group)
        {
            maxBlocks = Math.Max(maxBlocks, blocks[i]);
        }

        var stride = maxBlocks * BlockBytes;
        var padded = ArrayPool<byte>.Shared.Rent(Lanes * stride);
        Span<uint> laneBlocks = stackalloc uint[Lanes];
        laneBlocks.Clear();
        try
        {
            for (var lane = 0; lane < group.Length; lane++)
            {
                var i = group[lane];
                var message = source.Message(i);
                var length = prefix.Length + message.Length;
                var bytes = padded.AsSpan(lane * stride, blocks[i] * BlockBytes);
                prefix.CopyTo(bytes);
                message.CopyTo(bytes[prefix.Length..]);
                bytes[length] = 0x80;
                bytes[(length + 1)..^8].Clear();
                BinaryPrimitives.WriteUInt64BigEndian(bytes[^8..], (ulong)length * 8);
                laneBlocks[lane] = (uint)blocks[i];
            }

            Span<uint> state = stackalloc uint[8 * Lanes];
            Compress(padded, stride, maxBlocks, Vector512.Create((ReadOnlySpan<uint>)laneBlocks), state);
            for (var lane = 0; lane < group.Length; lane++)
            {
                var digest = digests.Slice(group[lane] * Sm3.HashSizeInBytes, Sm3.HashSizeInBytes);
                for (var v = 0; v < 8; v++)
                {
                    BinaryPrimitives.WriteUInt32BigEndian(digest[(4 * v)..], state[(v * Lanes) + lane]);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(padded);
        }
    }

    /// <summary>
    /// Runs the compression function over <paramref name="blockCount"/> blocks of every lane (lane l's message at
    /// l·<paramref name="stride"/>); a lane whose message has fewer blocks keeps its chaining value once they are used
    /// up. The state comes out as eight vectors of lanes.
    /// </summary>
    private static void Compress(byte[] padded, int stride, int blockCount, Vector512<uint> laneBlocks, Span<uint> stateOut)
    {
        Span<Vector512<uint>> w = stackalloc Vector512<uint>[68];
        var v0 = Vector512.Create(InitialValue[0]);
        var v1 = Vector512.Create(InitialValue[1]);
        var v2 = Vector512.Create(InitialValue[2]);
        var v3 = Vector512.Create(InitialValue[3]);
        var v4 = Vector512.Create(InitialValue[4]);
        var v5 = Vector512.Create(InitialValue[5]);
        var v6 = Vector512.Create(InitialValue[6]);
        var v7 = Vector512.Create(InitialValue[7]);
        for (var block = 0; block < blockCount; block++)
        {
            LoadWords(padded, stride, block * BlockBytes, w);

            // Message expansion (§5.3.2): W_j = P1(W_{j−16} ⊕ W_{j−9} ⊕ (W_{j−3} ⋘ 15)) ⊕ (W_{j−13} ⋘ 7) ⊕ W_{j−6}.
            for (var j = 16; j < 68; j++)
            {
                var x = Xor3(w[j - 16], w[j - 9], Avx512F.RotateLeft(w[j - 3], 15));
                w[j] = Xor3(Xor3(x, Avx512F.RotateLeft(x, 15), Avx512F.RotateLeft(x, 23)), Avx512F.RotateLeft(w[j - 13], 7), w[j - 6]);
            }

            var (a, b, c, d, e, f, g, h) = (v0, v1, v2, v3, v4, v5, v6, v7);
            for (var j = 0; j < 16; j++)
            {
                Round(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, w[j], w[j + 4], RoundConstants[j], Xor3(a, b, c), Xor3(e, f, g));
            }

            for (var j = 16; j < 64; j++)
            {
                // FF_j = majority (0xE8), GG_j = choose (0xCA) as vpternlogd truth tables over (0xF0, 0xCC, 0xAA).
                Round(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, w[j], w[j + 4], RoundConstants[j],
                    Avx512F.TernaryLogic(a, b, c, 0xE8), Avx512F.TernaryLogic(e, f, g, 0xCA));
            }

            var active = Vector512.GreaterThan(laneBlocks, Vector512.Create((uint)block));
            v0 = Vector512.ConditionalSelect(active, a ^ v0, v0);
            v1 = Vector512.ConditionalSelect(active, b ^ v1, v1);
            v2 = Vector512.ConditionalSelect(active, c ^ v2, v2);
            v3 = Vector512.ConditionalSelect(active, d ^ v3, v3);
            v4 = Vector512.ConditionalSelect(active, e ^ v4, v4);
            v5 = Vector512.ConditionalSelect(active, f ^ v5, v5);
            v6 = Vector512.ConditionalSelect(active, g ^ v6, v6);
            v7 = Vector512.ConditionalSelect(active, h ^ v7, v7);
        }

        v0.CopyTo(stateOut);
        v1.CopyTo(stateOut[Lanes..]);
        v2.CopyTo(stateOut[(2 * Lanes)..]);
        v3.CopyTo(stateOut[(3 * Lanes)..]);
        v4.CopyTo(stateOut[(4 * Lanes)..]);
        v5.CopyTo(stateOut[(5 * Lanes)..]);
        v6.CopyTo(stateOut[(6 * Lanes)..]);
        v7.CopyTo(stateOut[(7 * Lanes)..]);
    }

    /// <summary>
    /// W_0..W_15 of one block of every lane: the sixteen lanes' blocks (one vector each) transposed as a 16×16 matrix
    /// of words — 32- then 64-bit interleaves within 128-bit lanes, then two rounds of 128-bit lane shuffles — and
    /// byte-swapped, since SM3 reads its words big-endian.
    /// </summary>
    private static void LoadWords(byte[] padded, int stride, int offset, Span<Vector512<uint>> w)
    {
        ref var start = ref padded[offset];
        Span<Vector512<uint>> u = stackalloc Vector512<uint>[Lanes];
        for (var g = 0; g < Lanes; g += 4)
        {
            var r0 = Vector512.LoadUnsafe(ref Unsafe.Add(ref start, g * stride)).AsUInt32();
            var r1 = Vector512.LoadUnsafe(ref Unsafe.Add(ref start, (g + 1) * stride)).AsUInt32();
            var r2 = Vector512.LoadUnsafe(ref Unsafe.Add(ref start, (g + 2) * stride)).AsUInt32();
            var r3 = Vector512.LoadUnsafe(ref Unsafe.Add(ref start, (g + 3) * stride)).AsUInt32();
            var t0 = Avx512F.UnpackLow(r0, r1).AsUInt64();
            var t1 = Avx512F.UnpackHigh(r0, r1).AsUInt64();
            var t2 = Avx512F.UnpackLow(r2, r3).AsUInt64();
            var t3 = Avx512F.UnpackHigh(r2, r3).AsUInt64();

            // u[g + j], 128-bit lane k: word 4k + j of rows g..g+3.
            u[g] = Avx512F.UnpackLow(t0, t2).AsUInt32();
            u[g + 1] = Avx512F.UnpackHigh(t0, t2).AsUInt32();
            u[g + 2] = Avx512F.UnpackLow(t1, t3).AsUInt32();
            u[g + 3] = Avx512F.UnpackHigh(t1, t3).AsUInt32();
        }

        for (var j = 0; j < 4; j++)
        {
            var (a, b, c, d) = (u[j], u[4 + j], u[8 + j], u[12 + j]);
            var x0 = Avx512F.Shuffle4x128(a, b, 0x44);
            var x1 = Avx512F.Shuffle4x128(a, b, 0xEE);
            var y0 = Avx512F.Shuffle4x128(c, d, 0x44);
            var y1 = Avx512F.Shuffle4x128(c, d, 0xEE);
            w[j] = ByteSwap(Avx512F.Shuffle4x128(x0, y0, 0x88));
            w[4 + j] = ByteSwap(Avx512F.Shuffle4x128(x0, y0, 0xDD));
            w[8 + j] = ByteSwap(Avx512F.Shuffle4x128(x1, y1, 0x88));
            w[12 + j] = ByteSwap(Avx512F.Shuffle4x128(x1, y1, 0xDD));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> ByteSwap(Vector512<uint> v) => Avx512BW.Shuffle(v.AsByte(), ByteSwapMask).AsUInt32();

    /// <summary>One round of §5.3.3, given FF_j(A, B, C) and GG_j(E, F, G).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(
        ref Vector512<uint> a, ref Vector512<uint> b, ref Vector512<uint> c, ref Vector512<uint> d,
        ref Vector512<uint> e, ref Vector512<uint> f, ref Vector512<uint> g, ref Vector512<uint> h,
        Vector512<uint> wj, Vector512<uint> wj4, uint tj, Vector512<uint> ff, Vector512<uint> gg)
    {
        var a12 = Avx512F.RotateLeft(a, 12);
        var ss1 = Avx512F.RotateLeft(a12 + e + Vector512.Create(tj), 7);
        var tt1 = ff + d + (ss1 ^ a12) + (wj ^ wj4);
        var tt2 = gg + h + ss1 + wj;
        d = c;
        c = Avx512F.RotateLeft(b, 9);
        b = a;
        a = tt1;
        h = g;
        g = Avx512F.RotateLeft(f, 19);
        f = e;
        e = Xor3(tt2, Avx512F.RotateLeft(tt2, 9), Avx512F.RotateLeft(tt2, 17));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Xor3(Vector512<uint> x, Vector512<uint> y, Vector512<uint> z) => Avx512F.TernaryLogic(x, y, z, 0x96);

    /// <summary>Blocks after padding: the message, a 0x80 byte and the 64-bit length, rounded up to 64 bytes.</summary>
    private static int PaddedBlocks(int length) => (length + 1 + 8 + BlockBytes - 1) / BlockBytes;

    private interface IMessageSource
    {
        int Count { get; }

        int Length(int i);

        ReadOnlySpan<byte> Message(int i);
    }

    private readonly ref struct ArraySource(ReadOnlySpan<byte[]> messages) : IMessageSource
    {
        private readonly ReadOnlySpan<byte[]> messages = messages;

        public int Count => messages.Length;

        public int Length(int i) => messages[i].Length;

        public ReadOnlySpan<byte> Message(int i) => messages[i];
    }

    private readonly ref struct PieceSource(ReadOnlySpan<byte> pieces, int length) : IMessageSource
    {
        private readonly ReadOnlySpan<byte> pieces = pieces;

        public int Count => pieces.Length / length;

        public int Length(int i) => length;

        public ReadOnlySpan<byte> Message(int i) => pieces.Slice(i * length, length);
    }
}
