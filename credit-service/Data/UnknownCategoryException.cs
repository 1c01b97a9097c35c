namespace GovChain.CreditService.Data;

/// <summary>A data category name that the registry does not know.</summary>
public sealed class UnknownCategoryException : DataInputException
{
    public UnknownCategoryException(string category)
        : base($"unknown data category '{category}'")
    {
        Category = category;
    }

    public string Category { get; }
}
