namespace GovChain.Ledger.Application;

/// <summary>The state's tables; the byte separates them in the state digest so equal encodings in two tables differ.</summary>
internal enum StateTable : byte
{
    Participants = 1,
    Consents = 2,
    Queries = 3,
    Credentials = 4,
    Verifications = 5,
    Denials = 6,
}
