using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>The subject withdraws a consent it granted.</summary>
public sealed record RevokeConsent(string ConsentId) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.RevokeConsent;

    private protected override void WriteBody(CanonicalWriter writer) => writer.WriteString(ConsentId);
}
