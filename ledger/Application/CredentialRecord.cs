using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Application;

/// <summary>A credential or licence and its status.</summary>
public sealed record CredentialRecord(string Id, CredentialKind Kind, string Issuer, string Holder, string Type, Hash32 ContentHash, long IssuedAt, long? RevokedAt);
