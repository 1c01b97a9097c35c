namespace GovChain.Zkp.Witness;

/// <summary>The circuit rejected the input while computing the witness (a failed assertion: the statement is false).</summary>
public sealed class ZkWitnessException : Exception
{
    public ZkWitnessException(string message)
        : base(message)
    {
    }

    public ZkWitnessException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
