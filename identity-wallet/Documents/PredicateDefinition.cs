namespace GovChain.Wallet.Documents;

/// <summary>
/// A predicate a credential type supports: its name, the circom circuit that proves it, and its public parameters
/// in the circuit's public-signal order (after the commitment, which is always the first public signal).
/// </summary>
public sealed record PredicateDefinition(string Name, string Circuit, IReadOnlyList<string> Parameters);
