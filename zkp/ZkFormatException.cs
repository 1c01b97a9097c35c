namespace GovChain.Zkp;

/// <summary>Input from outside (JSON, binary files, field elements, points) is malformed or out of range.</summary>
public sealed class ZkFormatException : Exception
{
    public ZkFormatException(string message)
        : base(message)
    {
    }

    public ZkFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
