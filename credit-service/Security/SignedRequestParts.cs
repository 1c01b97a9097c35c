namespace GovChain.CreditService.Security;

/// <summary>The parts of an HTTP request the signature covers, with the signing headers as received (null when absent).</summary>
public sealed record SignedRequestParts(
    string Method,
    string PathAndQuery,
    string? Actor,
    string? Timestamp,
    string? Nonce,
    string? Signature);
