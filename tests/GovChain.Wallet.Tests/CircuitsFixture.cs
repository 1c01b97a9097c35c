using GovChain.TestSupport;
using GovChain.Wallet.Documents;
using Xunit;

namespace GovChain.Wallet.Tests;

/// <summary>Loads the predicate circuits once for every test that proves or verifies.</summary>
public sealed class CircuitsFixture : IDisposable
{
    public CircuitsFixture()
    {
        Circuits = new CircuitFiles(RepoPaths.Under("vectors", "circuits"));
        Prover = new PredicateProver(Circuits);
        Verifier = new PredicateVerifier(Circuits);
    }

    public CircuitFiles Circuits { get; }

    public PredicateProver Prover { get; }

    public PredicateVerifier Verifier { get; }

    public void Dispose()
    {
        Prover.Dispose();
        Verifier.Dispose();
        Circuits.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CircuitsCollection : ICollectionFixture<CircuitsFixture>
{
    public const string Name = "circuits";
}
