using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>The issuer revokes a credential or licence.</summary>
public sealed record RevokeCredential(string CredentialId) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.RevokeCredential;

    private protected override void WriteBody(CanonicalWriter writer) => writer.WriteString(CredentialId);
}
