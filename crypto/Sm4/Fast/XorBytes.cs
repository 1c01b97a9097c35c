using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GovChain.Crypto.Sm4Fast;

internal static class XorBytes
{
    /// <summary>destination = a ⊕ b, vector-wide where it can be. All three have the same length; destination may alias a.</summary>
    public static void Xor(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> destination)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= a.Length; i += 32)
            {
                (Vector256.Create(a.Slice(i, 32)) ^ Vector256.Create(b.Slice(i, 32))).CopyTo(destination[i..]);
            }
        }

        for (; i + 8 <= a.Length; i += 8)
        {
            MemoryMarshal.Write(destination[i..], MemoryMarshal.Read<ulong>(a[i..]) ^ MemoryMarshal.Read<ulong>(b[i..]));
        }

        for (; i < a.Length; i++)
        {
            destination[i] = (byte)(a[i] ^ b[i]);
        }
    }
}
