namespace GovChain.Ledger.Application;

/// <summary>A consent as granted; <see cref="RevokedAt"/> is set once by the subject.</summary>
public sealed record ConsentRecord(
    string Id,
    string Subject,
    string Bureau,
    string Purpose,
    string[] Categories,
    DataClassification Classification,
    long NotBefore,
    long Expires,
    long? RevokedAt);
