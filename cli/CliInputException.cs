namespace GovChain.Cli;

/// <summary>Bad usage or bad input: the CLI prints the message on one line and exits 2.</summary>
public sealed class CliInputException(string message) : Exception(message);
