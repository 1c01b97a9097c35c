namespace GovChain.CreditService.Data;

/// <summary>A made-up citizen or enterprise: a check-digit-valid ID and a plausible display name.</summary>
public sealed record SyntheticSubject(string Id, string DisplayName, SubjectKind Kind);
