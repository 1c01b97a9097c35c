using System.Buffers.Binary;
using System.Text;

namespace GovChain.Zkp.Groth16;

/// <summary>
/// The container shared by snarkjs's binary files (.zkey, .wtns, .r1cs): a 4-byte magic, a u32 version, a u32
/// section count, then sections of (u32 id, u64 length, bytes). All integers are little-endian.
/// </summary>
internal sealed class SnarkjsBinaryFile
{
    private readonly byte[] data;
    private readonly Dictionary<uint, (int Offset, int Length)> sections = [];

    private SnarkjsBinaryFile(byte[] data, string kind)
    {
        this.data = data;
        Kind = kind;
    }

    public string Kind { get; }

    public static SnarkjsBinaryFile Parse(byte[] data, string magic)
    {
        var file = new SnarkjsBinaryFile(data, magic);
        if (data.Length < 12 || Encoding.ASCII.GetString(data, 0, 4) != magic)
        {
            throw new ZkFormatException($".{magic} file: bad magic or too short");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(8));
        var pos = 12L;
        for (var i = 0u; i < count; i++)
        {
            if (pos + 12 > data.Length)
            {
                throw new ZkFormatException($".{magic} file: truncated section table");
            }

            var id = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)pos));
            var length = BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan((int)pos + 4));
            pos += 12;
            if (length > (ulong)(data.Length - pos))
            {
                throw new ZkFormatException($".{magic} file: section {id} runs past the end of the file");
            }

            if (!file.sections.TryAdd(id, ((int)pos, (int)length)))
            {
                throw new ZkFormatException($".{magic} file: section {id} appears twice");
            }

            pos += (long)length;
        }

        return file;
    }

    /// <summary>True when a little-endian prime from a file header equals <paramref name="modulus"/>.</summary>
    public static bool IsModulus(ReadOnlySpan<byte> littleEndian, System.Numerics.BigInteger modulus) =>
        new System.Numerics.BigInteger(littleEndian, isUnsigned: true, isBigEndian: false) == modulus;

    public SectionReader Section(uint id) => sections.TryGetValue(id, out var s)
        ? new SectionReader(data.AsMemory(s.Offset, s.Length), $".{Kind} section {id}")
        : throw new ZkFormatException($".{Kind} file: missing section {id}");
}

/// <summary>A bounds-checked little-endian cursor over one section.</summary>
internal sealed class SectionReader(ReadOnlyMemory<byte> bytes, string what)
{
    private int position;

    public int Remaining => bytes.Length - position;

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new ZkFormatException($"{what}: truncated");
        }

        var span = bytes.Span.Slice(position, count);
        position += count;
        return span;
    }

    public void ExpectEnd()
    {
        if (Remaining != 0)
        {
            throw new ZkFormatException($"{what}: {Remaining} unexpected trailing bytes");
        }
    }
}
