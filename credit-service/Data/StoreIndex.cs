using System.Buffers.Binary;
using System.Text;

namespace GovChain.CreditService.Data;

/// <summary>
/// Which (subject, category) pairs a store holds, kept sealed in <c>index.bin</c>: record file names are MACs, so
/// the index is the only way to list subjects. Not thread-safe; the store serializes access.
/// </summary>
internal sealed class StoreIndex
{
    public const string FileName = "index.bin";

    private static readonly byte[] AssociatedData = "govchain/subject-store/index"u8.ToArray();

    private readonly SortedDictionary<string, SortedSet<string>> _categoriesOf = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Subjects => [.. _categoriesOf.Keys];

    public bool Contains(string subject) => _categoriesOf.ContainsKey(subject);

    /// <summary>Adds a pair; false when it was already there.</summary>
    public bool Add(string subject, string category)
    {
        if (!_categoriesOf.TryGetValue(subject, out var categories))
        {
            _categoriesOf[subject] = categories = new SortedSet<string>(StringComparer.Ordinal);
        }

        return categories.Add(category);
    }

    public static StoreIndex Load(string path, byte[] key)
    {
        var plain = SealedBytes.TryOpen(key, File.ReadAllBytes(path), AssociatedData)
            ?? throw new StoreIntegrityException(
                "the store index does not open: the store key is wrong, or the index was altered or truncated");
        var index = new StoreIndex();
        var rest = plain.AsSpan();
        while (!rest.IsEmpty)
        {
            index.Add(ReadString(ref rest), ReadString(ref rest));
        }

        return index;
    }

    public void Save(string path, byte[] key)
    {
        using var plain = new MemoryStream();
        foreach (var (subject, categories) in _categoriesOf)
        {
            foreach (var category in categories)
            {
                WriteString(plain, subject);
                WriteString(plain, category);
            }
        }

        OwnerOnlyFile.WriteAtomically(path, SealedBytes.Seal(key, plain.ToArray(), AssociatedData));
    }

    private static void WriteString(Stream stream, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)bytes.Length));
        stream.Write(length);
        stream.Write(bytes);
    }

    private static string ReadString(ref Span<byte> rest)
    {
        // Authenticated bytes that still do not parse can only come from a bug or a future format.
        if (rest.Length < 2 || rest.Length < 2 + BinaryPrimitives.ReadUInt16BigEndian(rest))
        {
            throw new StoreIntegrityException("the store index is malformed");
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(rest);
        var text = Encoding.UTF8.GetString(rest.Slice(2, length));
        rest = rest[(2 + length)..];
        return text;
    }
}
