namespace GovChain.CreditService.Data;

/// <summary>
/// The store holds no record of a category for a subject. The message names the category only, so that subject IDs
/// stay out of logs; <see cref="Subject"/> carries the ID for the caller.
/// </summary>
public sealed class MissingDataException : Exception
{
    public MissingDataException(string subject, string category)
        : base($"no '{category}' data is held for this subject")
    {
        Subject = subject;
        Category = category;
    }

    public string Subject { get; }

    public string Category { get; }
}
