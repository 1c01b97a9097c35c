using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>
/// An agency node records a request it refused on authorization grounds (wrong role, not the holder, unknown subject),
/// so that denied attempts are as traceable as allowed ones. <see cref="Subject"/> may be empty.
/// </summary>
public sealed record RecordDenial(string DenialId, string Requester, string Operation, string Subject, string Reason, Hash32 RequestHash) : TransactionPayload
{
    public const int MaxReasonBytes = 512;

    public override TransactionKind Kind => TransactionKind.RecordDenial;

    private protected override void WriteBody(CanonicalWriter writer)
    {
        writer.WriteString(DenialId);
        writer.WriteString(Requester);
        writer.WriteString(Operation);
        writer.WriteString(Subject);
        writer.WriteString(Reason);
        writer.WriteHash(RequestHash);
    }

    internal static RecordDenial ReadBody(ref CanonicalReader reader) =>
        new(ReadId(ref reader), ReadId(ref reader), ReadId(ref reader), reader.ReadString(MaxIdBytes), reader.ReadString(MaxReasonBytes), reader.ReadHash());
}
