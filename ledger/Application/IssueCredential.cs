using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>An agency issues a credential (commitment) or licence (ciphertext hash) to a holder.</summary>
public sealed record IssueCredential(string CredentialId, CredentialKind CredentialKind, string Holder, string Type, Hash32 ContentHash) : TransactionPayload
{
    public override TransactionKind Kind => TransactionKind.IssueCredential;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(CredentialId);
        writer.WriteByte((byte)CredentialKind);
        writer.WriteString(Holder);
        writer.WriteString(Type);
        writer.WriteHash(ContentHash);
    }

    internal static IssueCredential ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadEnum<CredentialKind>(ref reader), ReadId(ref reader), ReadId(ref reader), reader.ReadHash());
}
