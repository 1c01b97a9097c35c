namespace GovChain.Ledger.Application;

/// <summary>A registered participant and the next nonce its transactions must carry.</summary>
public sealed record Participant(string Id, ParticipantRole Role, string PublicKeyHex, ulong NextNonce);
