namespace GovChain.CreditService.Data;

/// <summary>
/// A store file failed authentication or decoding: tampered, truncated, swapped, or encrypted under another key.
/// Nothing of its content is returned.
/// </summary>
public sealed class StoreIntegrityException : Exception
{
    public StoreIntegrityException(string subject, string category, string detail)
        : base($"the stored '{category}' record of subject {subject} failed its integrity check: {detail}")
    {
        Subject = subject;
        Category = category;
    }

    /// <summary>For store-wide files (the key, the index), which belong to no one subject.</summary>
    public StoreIntegrityException(string message)
        : base(message)
    {
    }

    public string? Subject { get; }

    public string? Category { get; }
}
