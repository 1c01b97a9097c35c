namespace GovChain.CreditService.Security;

/// <summary>Why a request was refused before routing (gRPC status and HTTP status go with the reason).</summary>
public sealed class RequestAuthenticationException : Exception
{
    public RequestAuthenticationException()
        : this(RequestRefusal.Unauthenticated, "unauthenticated")
    {
    }

    public RequestAuthenticationException(string message)
        : this(RequestRefusal.Unauthenticated, message)
    {
    }

    public RequestAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Refusal = RequestRefusal.Unauthenticated;
    }

    public RequestAuthenticationException(RequestRefusal refusal, string reason)
        : base(reason)
    {
        Refusal = refusal;
    }

    public RequestRefusal Refusal { get; }
}

/// <summary>The kinds of refusal the signature check produces.</summary>
public enum RequestRefusal
{
    Unauthenticated,
    TooLarge,
    Unavailable,
}
