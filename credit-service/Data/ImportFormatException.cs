namespace GovChain.CreditService.Data;

/// <summary>A whole import file is unusable (wrong columns, too large, not UTF-8, not a workbook); no row was accepted.</summary>
public sealed class ImportFormatException : DataInputException
{
    public ImportFormatException(string message)
        : base(message)
    {
    }

    public ImportFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
