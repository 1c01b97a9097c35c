using GovChain.Zkp;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Groth16;

namespace GovChain.Wallet.Documents;

/// <summary>
/// The verifier's side of a predicate: the issuer's signature on the statement, the public signals against the
/// statement's commitment and the stated parameters, and the Groth16 proof against the circuit's vk.json. The caller
/// still checks that the issuer key is the issuer's registered key and the credential's status on the ledger.
/// </summary>
public sealed class PredicateVerifier : IDisposable
{
    private readonly CircuitFiles circuits;
    private readonly bool ownsCircuits;

    /// <param name="circuitsDirectory">null searches upward from the application for vectors/circuits.</param>
    public PredicateVerifier(string? circuitsDirectory = null)
        : this(new CircuitFiles(circuitsDirectory), ownsCircuits: true)
    {
    }

    public PredicateVerifier(CircuitFiles circuits)
        : this(circuits, ownsCircuits: false)
    {
    }

    private PredicateVerifier(CircuitFiles circuits, bool ownsCircuits)
    {
        ArgumentNullException.ThrowIfNull(circuits);
        this.circuits = circuits;
        this.ownsCircuits = ownsCircuits;
    }

    /// <param name="today">The verifier's date as YYYYMMDD; an age proof must be made for exactly this date.</param>
    public PredicateVerdict Verify(PredicateProof proof, long today)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var reason = Check(proof, today);
        return new PredicateVerdict(reason is null, reason ?? "valid");
    }

    public void Dispose()
    {
        if (ownsCircuits)
        {
            circuits.Dispose();
        }
    }

    private string? Check(PredicateProof proof, long today)
    {
        var statement = proof.Statement;
        if (!statement.VerifySignature())
        {
            return "the issuer's signature on the credential statement does not verify";
        }

        var definition = CredentialSchema.Type(statement.Type).Predicate;
        if (definition.Name != proof.Predicate)
        {
            return $"a {statement.Type} credential proves {definition.Name}, not {proof.Predicate}";
        }

        try
        {
            PredicateRequest.CheckNames(definition, proof.Parameters.Keys);
        }
        catch (WalletFormatException e)
        {
            return e.Message;
        }

        if (definition.Name == CredentialSchema.AgeAtLeast && proof.Parameters["today"] != (ulong)today)
        {
            return $"the proof is for the date {proof.Parameters["today"]}, not today ({today})";
        }

        Fr[] expected = [Fr.Parse(statement.Commitment), .. definition.Parameters.Select(name => Fr.FromUInt64(proof.Parameters[name]))];
        try
        {
            if (!PublicSignals.FromJson(proof.PublicJson).AsSpan().SequenceEqual(expected))
            {
                return $"the public signals are not [{string.Join(", ", definition.Parameters.Prepend("commitment"))}] of this statement and request";
            }

            return Groth16Verifier.VerifyJson(circuits.VerifyingKeyJson(definition.Circuit), proof.ProofJson, proof.PublicJson)
                ? null
                : "the Groth16 proof does not verify";
        }
        catch (ZkFormatException e)
        {
            return "the proof is malformed: " + e.Message;
        }
    }
}
