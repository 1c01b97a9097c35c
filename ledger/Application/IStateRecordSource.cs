namespace GovChain.Ledger.Application;

/// <summary>
/// Where a node keeps its committed state records: <see cref="AuditState"/> reads through it what it no longer holds
/// in memory. Keys are a table (or <see cref="AuditState.ParticipantKeyIndex"/>) and an id; values are canonical
/// record encodings (for the key index, the participant's id in UTF-8).
/// </summary>
internal interface IStateRecordSource
{
    byte[]? ReadStateRecord(byte table, string id);
}
