namespace GovChain.Ledger.Application;

/// <summary>The system-contract operations; the byte is the first field of a transaction payload.</summary>
public enum TransactionKind : byte
{
    RegisterParticipant = 1,
    GrantConsent = 2,
    RevokeConsent = 3,
    RecordQuery = 4,
    IssueCredential = 5,
    RevokeCredential = 6,
    RecordProofVerification = 7,
    RecordDenial = 8,

    /// <summary>Up to <see cref="RecordBatch.MaxRecords"/> records signed once by one actor (docs/consensus.md §12).</summary>
    RecordBatch = 9,

    /// <summary>One record of a batch as the transparency log holds it; logged by the ledger, never submitted.</summary>
    BatchedRecord = 10,
}
