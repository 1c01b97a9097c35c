namespace GovChain.CreditService.Data;

/// <summary>
/// Input that the data layer refuses: a malformed identifier, an unknown category or feature, a record that does not
/// fit its category. The message is one line saying what was wrong; hosts map it to "bad input".
/// </summary>
public class DataInputException : Exception
{
    public DataInputException(string message)
        : base(message)
    {
    }

    public DataInputException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
