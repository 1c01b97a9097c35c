using Spectre.Console;

namespace GovChain.Cli.Demo;

/// <summary>The demo's steps as they ran: each passed or failed, with a short readable detail.</summary>
internal sealed class DemoReport
{
    private readonly List<(string Stage, string Step, bool Passed, string Detail)> rows = [];

    public bool AllPassed => rows.TrueForAll(r => r.Passed);

    public void Add(string stage, string step, bool passed, string detail) => rows.Add((stage, step, passed, detail));

    public void Render()
    {
        var table = new Table().AddColumn("stage").AddColumn("step").AddColumn("result");
        foreach (var (stage, step, passed, detail) in rows)
        {
            table.AddRow(Markup.Escape(stage), Markup.Escape(step), (passed ? "[green]ok[/] " : "[red]FAILED[/] ") + Markup.Escape(detail));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine(AllPassed ? "[green]all steps passed[/]" : "[red]a step failed[/]");
    }
}
