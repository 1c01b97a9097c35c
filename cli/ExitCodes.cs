namespace GovChain.Cli;

/// <summary>The exit codes of ARCHITECTURE §4, which outside tools rely on.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Invalid = 1;
    public const int BadInput = 2;

    /// <summary>Prints <c>valid</c> or <c>invalid</c> and returns the matching code.</summary>
    public static int Verdict(bool valid)
    {
        Console.Out.WriteLine(valid ? "valid" : "invalid");
        return valid ? Success : Invalid;
    }
}
