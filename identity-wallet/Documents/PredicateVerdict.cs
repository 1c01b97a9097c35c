namespace GovChain.Wallet.Documents;

/// <summary>The outcome of checking a predicate proof; <see cref="Reason"/> says why it is not valid (or "valid").</summary>
public sealed record PredicateVerdict(bool Valid, string Reason);
