using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// A node records checking a zero-knowledge proof about a credential (or a licence disclosure) for
/// <see cref="Verifier"/>, with the verdict.
/// </summary>
public sealed record RecordProofVerification(string VerificationId, string CredentialId, string Verifier, Hash32 StatementHash, bool ProofValid) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.RecordProofVerification;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(VerificationId);
        writer.WriteString(CredentialId);
        writer.WriteString(Verifier);
        writer.WriteHash(StatementHash);
        writer.WriteBool(ProofValid);
    }

    internal static RecordProofVerification ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadId(ref reader), ReadId(ref reader), reader.ReadHash(), reader.ReadBool());
}
