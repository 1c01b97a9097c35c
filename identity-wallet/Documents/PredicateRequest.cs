namespace GovChain.Wallet.Documents;

/// <summary>What a verifier asks the holder to prove: a predicate name and its public parameters.</summary>
public sealed class PredicateRequest
{
    private readonly SortedDictionary<string, ulong> parameters;

    /// <summary>The parameters must be exactly the predicate's (see <see cref="CredentialSchema"/>).</summary>
    public PredicateRequest(string predicate, IReadOnlyDictionary<string, ulong> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Definition = CredentialSchema.ForPredicate(predicate).Predicate;
        this.parameters = new SortedDictionary<string, ulong>(parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal), StringComparer.Ordinal);
        CheckNames(Definition, this.parameters.Keys);
    }

    public PredicateDefinition Definition { get; }

    public string Predicate => Definition.Name;

    /// <summary>Sorted by name (ordinal).</summary>
    public IReadOnlyDictionary<string, ulong> Parameters => parameters;

    /// <summary>The parameter values in the circuit's public-signal order.</summary>
    public ulong[] OrderedValues() => [.. Definition.Parameters.Select(name => parameters[name])];

    internal static void CheckNames(PredicateDefinition definition, IEnumerable<string> names)
    {
        var given = names.ToHashSet(StringComparer.Ordinal);
        if (!given.SetEquals(definition.Parameters))
        {
            var expected = definition.Parameters.Count == 0 ? "none" : string.Join(", ", definition.Parameters);
            throw new WalletFormatException($"predicate {definition.Name} takes the parameters [{expected}], got [{string.Join(", ", given.Order(StringComparer.Ordinal))}]");
        }
    }
}
