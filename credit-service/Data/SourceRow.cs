namespace GovChain.CreditService.Data;

/// <summary>
/// One cell as a file adapter read it. <see cref="Problem"/> is set when the cell is unusable as read;
/// <see cref="FromNumber"/> marks a spreadsheet number cell, which cannot hold an 18-character ID exactly.
/// </summary>
internal readonly record struct SourceCell(string Text, string? Problem = null, bool FromNumber = false);

/// <summary>One row of an import file, numbered as the user sees it (the first line or sheet row is 1).</summary>
internal sealed record SourceRow(int Number, IReadOnlyList<SourceCell> Cells, string? Problem = null)
{
    public bool IsBlank => Problem is null && Cells.All(c => c.Text.Length == 0 && c.Problem is null);
}
