namespace GovChain.CreditService.Data;

/// <summary>Caps that keep one import file from exhausting memory or time.</summary>
public sealed record ImportLimits
{
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    public static readonly ImportLimits Default = new();

    /// <summary>Size of the file as uploaded (CSV bytes, or the XLSX container).</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Data rows, not counting the header and blank rows.</summary>
    public int MaxRows { get; init; } = 1_000_000;

    /// <summary>Characters in one cell.</summary>
    public int MaxFieldLength { get; init; } = 256;

    /// <summary>Cells in one row.</summary>
    public int MaxColumns { get; init; } = 64;

    /// <summary>Sum of the sizes an XLSX declares for its parts once decompressed: a guard against zip bombs.</summary>
    public long MaxUncompressedBytes => MaxBytes * 8;
}
