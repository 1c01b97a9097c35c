namespace GovChain.CreditService.Security;

/// <summary>The headers of an SM2-signed request, and the trace id header of every response.</summary>
public static class RequestHeaders
{
    public const string Actor = "x-gc-actor";
    public const string Timestamp = "x-gc-timestamp";
    public const string Nonce = "x-gc-nonce";
    public const string Signature = "x-gc-signature";
    public const string TraceId = "x-gc-trace-id";
}
