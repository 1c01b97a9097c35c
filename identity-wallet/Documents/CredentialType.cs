namespace GovChain.Wallet.Documents;

/// <summary>A credential type: its attribute names in commitment order and the predicate it can prove.</summary>
public sealed record CredentialType(string Name, IReadOnlyList<string> Attributes, PredicateDefinition Predicate);
