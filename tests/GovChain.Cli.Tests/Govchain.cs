using GovChain.TestSupport;

namespace GovChain.Cli.Tests;

/// <summary>Runs the built `govchain` executable as a separate process, as users and outside tools do.</summary>
internal static class Govchain
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "govchain.dll");

    public static ProcessResult Run(params string[] args) => ProcessRunner.Run("dotnet", [Dll, .. args], timeout: TimeSpan.FromMinutes(2));
}
