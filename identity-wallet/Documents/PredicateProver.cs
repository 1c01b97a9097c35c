using GovChain.Zkp;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Groth16;
using GovChain.Zkp.Witness;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The holder's side of a predicate: Groth16 proofs from the credential's opening with the circuits in
/// vectors/circuits. A false statement throws <see cref="PredicateUnsatisfiableException"/>; it never yields a proof.
/// </summary>
public sealed class PredicateProver : IDisposable
{
    private readonly CircuitFiles circuits;
    private readonly bool ownsCircuits;

    /// <param name="circuitsDirectory">null searches upward from the application for vectors/circuits.</param>
    public PredicateProver(string? circuitsDirectory = null)
        : this(new CircuitFiles(circuitsDirectory), ownsCircuits: true)
    {
    }

    /// <summary>Shares loaded circuits with a verifier or other provers; the caller disposes them.</summary>
    public PredicateProver(CircuitFiles circuits)
        : this(circuits, ownsCircuits: false)
    {
    }

    private PredicateProver(CircuitFiles circuits, bool ownsCircuits)
    {
        ArgumentNullException.ThrowIfNull(circuits);
        this.circuits = circuits;
        this.ownsCircuits = ownsCircuits;
    }

    public PredicateProof Prove(Credential credential, PredicateRequest request)
    {
        ArgumentNullException.ThrowIfNull(credential);
        ArgumentNullException.ThrowIfNull(request);
        var statement = credential.Statement;
        var type = CredentialSchema.Type(statement.Type);
        if (type.Predicate.Name != request.Predicate)
        {
            throw new WalletFormatException($"a {type.Name} credential proves {type.Predicate.Name}, not {request.Predicate}");
        }

        if (!credential.VerifyOpening())
        {
            throw new WalletFormatException($"credential {statement.Id}: the attributes and salt do not open its commitment");
        }

        if (PredicateCircuit.Unsatisfied(credential.Attributes, request) is { } reason)
        {
            throw new PredicateUnsatisfiableException($"no proof exists for {request.Predicate}: {reason}");
        }

        var circuit = request.Definition.Circuit;
        Fr[] witness;
        try
        {
            witness = circuits.Witnesses(circuit).Compute(PredicateCircuit.Input(credential.Attributes, credential.Salt, statement.Commitment, request));
        }
        catch (ZkWitnessException e)
        {
            throw new PredicateUnsatisfiableException($"no proof exists for {request.Predicate}: the circuit rejects the inputs ({FirstLine(e.Message)})", e);
        }

        var (proof, publics) = Groth16Prover.Prove(circuits.ProvingKey(circuit), witness);
        Fr[] expected = [Fr.Parse(statement.Commitment), .. request.OrderedValues().Select(Fr.FromUInt64)];
        if (!publics.AsSpan().SequenceEqual(expected))
        {
            throw new ZkFormatException($"circuit {circuit} produced public signals that differ from [{string.Join(", ", request.Definition.Parameters.Prepend("commitment"))}]");
        }

        return new PredicateProof(statement, request.Predicate, request.Parameters, proof.ToJson(), PublicSignals.ToJson(publics));
    }

    public void Dispose()
    {
        if (ownsCircuits)
        {
            circuits.Dispose();
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
