namespace GovChain.CreditService.Data;

/// <summary>Why one row was not imported. Row is 1-based with the header as row 1; Column is null for whole-row problems.</summary>
public sealed record RowError(int Row, string? Column, string Reason)
{
    public override string ToString() => Column is null ? $"row {Row}: {Reason}" : $"row {Row}, {Column}: {Reason}";
}
