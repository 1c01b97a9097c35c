namespace GovChain.He;

/// <summary>A SEAL blob or a parameter set that GovChain refuses to load, with the reason.</summary>
public sealed class HeFormatException : Exception
{
    public HeFormatException(string message)
        : base(message)
    {
    }

    public HeFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
