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
}
