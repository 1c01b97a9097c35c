using System.CommandLine;
using GovChain.Cli.Demo;
using Spectre.Console;

namespace GovChain.Cli.Commands;

/// <summary>
/// The main job. Until the networked scenario lands, it runs the engines in one process: the GM suite a disclosure
/// relies on, encrypted credit scoring with BFV, and a zero-knowledge predicate proof.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var seed = new Option<int>("--seed") { Description = "Seed for the synthetic subjects, weights and features", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the GovChain walk-through on embedded defaults") { seed };
        command.SetAction(parse =>
        {
            var synthetic = new Random(parse.GetValue(seed));
            var report = new DemoReport();
            AnsiConsole.Write(new Rule("[bold]GovChain walk-through[/]"));
            AnsiConsole.Status().Start("GM/T crypto…", ctx =>
            {
                GmStage.Run(report);
                ctx.Status("encrypted scoring (BFV, n = 8192)…");
                ScoringStage.Run(report, synthetic);
                ctx.Status("zero-knowledge predicate (Groth16)…");
                ProofStage.Run(report, synthetic);
            });
            report.Render();
            return report.AllPassed ? ExitCodes.Success : ExitCodes.Invalid;
        });
        return command;
    }
}
