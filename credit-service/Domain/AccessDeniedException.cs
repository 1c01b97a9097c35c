namespace GovChain.CreditService.Domain;

/// <summary>
/// An authorization or consent denial (maps to PERMISSION_DENIED). It is thrown only after the denial is on the
/// ledger (as a denied query record or a denial record), so every refusal stays traceable.
/// </summary>
public sealed class AccessDeniedException : Exception
{
    public AccessDeniedException(string message)
        : base(message)
    {
    }

    public AccessDeniedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
