using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace GovChain.Cli.Demo;

/// <summary>
/// What the demo did: each step passed or failed with a readable detail, every ledger event it caused (so the audit
/// stage can look for each one in the auditor's trail), the audited trails, and the figures. Rendered to the terminal,
/// <c>demo-report.json</c> and <c>demo-report.html</c>.
/// </summary>
internal sealed class DemoReport
{
    private readonly List<DemoStep> steps = [];
    private readonly List<DemoEvent> events = [];
    private readonly List<DemoTrail> trails = [];
    private readonly SortedDictionary<string, string> figures = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public bool AllPassed
    {
        get
        {
            lock (gate)
            {
                return steps.Count > 0 && steps.TrueForAll(r => r.Passed);
            }
        }
    }

    public IReadOnlyList<DemoEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    public void Add(string stage, string step, bool passed, string detail)
    {
        lock (gate)
        {
            steps.Add(new DemoStep(stage, step, passed, detail));
        }
    }

    /// <summary>A record the demo caused on the ledger, which must later show up in the auditor's trail for <paramref name="subject"/>.</summary>
    public void Recorded(string kind, string id, string subject, long height, long leaf, string outcome)
    {
        lock (gate)
        {
            events.Add(new DemoEvent(kind, id, subject, height, leaf, outcome));
        }
    }

    public void Trail(DemoTrail trail)
    {
        lock (gate)
        {
            trails.Add(trail);
        }
    }

    public void Figure(string name, string value)
    {
        lock (gate)
        {
            figures[name] = value;
        }
    }

    public void Render()
    {
        var table = new Table().AddColumn("stage").AddColumn("step").AddColumn("result");
        lock (gate)
        {
            foreach (var (stage, step, passed, detail) in steps)
            {
                table.AddRow(Markup.Escape(stage), Markup.Escape(step), (passed ? "[green]ok[/] " : "[red]FAILED[/] ") + Markup.Escape(detail));
            }

            AnsiConsole.Write(table);
            var figureTable = new Table().AddColumn("figure").AddColumn("value");
            foreach (var (name, value) in figures)
            {
                figureTable.AddRow(Markup.Escape(name), Markup.Escape(value));
            }

            AnsiConsole.Write(figureTable);
        }

        AnsiConsole.MarkupLine(AllPassed ? "[green]all steps passed[/]" : "[red]a step failed[/]");
    }

    public JsonObject ToJson(int seed)
    {
        lock (gate)
        {
            return new JsonObject
            {
                ["seed"] = seed,
                ["passed"] = steps.Count > 0 && steps.TrueForAll(r => r.Passed),
                ["steps"] = new JsonArray([.. steps.Select(s => (JsonNode)new JsonObject
                {
                    ["stage"] = s.Stage, ["step"] = s.Step, ["passed"] = s.Passed, ["detail"] = s.Detail,
                })]),
                ["ledger_events"] = new JsonArray([.. events.Select(e => (JsonNode)new JsonObject
                {
                    ["kind"] = e.Kind, ["id"] = e.Id, ["subject"] = e.Subject, ["height"] = e.Height, ["leaf"] = e.Leaf, ["outcome"] = e.Outcome,
                })]),
                ["trails"] = new JsonArray([.. trails.Select(t => (JsonNode)new JsonObject
                {
                    ["index"] = t.Index, ["key"] = t.Key, ["file"] = t.File, ["records"] = t.Records, ["tree_size"] = t.TreeSize,
                    ["root"] = t.Root, ["signatures"] = t.Signatures, ["verified"] = t.Verified,
                    ["entries"] = new JsonArray([.. t.Entries.Select(x => (JsonNode)new JsonObject
                    {
                        ["leaf"] = x.Leaf, ["kind"] = x.Kind, ["summary"] = x.Summary, ["proof_hashes"] = x.ProofHashes,
                    })]),
                })]),
                ["figures"] = new JsonObject([.. figures.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))]),
            };
        }
    }

    public void Write(string directory, int seed)
    {
        var json = ToJson(seed);
        CliFiles.WriteAtomically(Path.Combine(directory, "demo-report.json"), Encoding.UTF8.GetBytes(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true })));
        CliFiles.WriteAtomically(Path.Combine(directory, "demo-report.html"), Encoding.UTF8.GetBytes(Html(json)));
    }

    private static string Html(JsonObject report)
    {
        static string E(JsonNode? n) => WebUtility.HtmlEncode(n?.ToString() ?? string.Empty);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GovChain demo report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0;width:100%}")
            .Append("td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top;font-size:.9em}")
            .Append(".ok{color:#070}.fail{color:#b00;font-weight:bold}code{font-size:.85em;word-break:break-all}</style></head><body>")
            .Append(CultureInfo.InvariantCulture, $"<h1>GovChain demo report</h1><p>seed {E(report["seed"])} — ")
            .Append((bool)report["passed"]! ? "<span class=\"ok\">every step passed</span>" : "<span class=\"fail\">a step failed</span>").Append("</p>");
        html.Append("<h2>Steps</h2><table><tr><th>stage</th><th>step</th><th>result</th><th>detail</th></tr>");
        foreach (var s in report["steps"]!.AsArray())
        {
            var passed = (bool)s!["passed"]!;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(s["stage"])}</td><td>{E(s["step"])}</td><td class=\"{(passed ? "ok" : "fail")}\">{(passed ? "ok" : "FAILED")}</td><td>{E(s["detail"])}</td></tr>");
        }

        html.Append("</table><h2>Figures</h2><table>");
        foreach (var (name, value) in report["figures"]!.AsObject())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{WebUtility.HtmlEncode(name)}</th><td>{E(value)}</td></tr>");
        }

        html.Append("</table><h2>Audited trails</h2>");
        foreach (var t in report["trails"]!.AsArray())
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(t!["index"])} {E(t["key"])}</h3><p>{E(t["records"])} records under a tree head of size {E(t["tree_size"])}, root <code>{E(t["root"])}</code>, signed by {E(t["signatures"])} validators; offline verification: ")
                .Append((bool)t["verified"]! ? "<span class=\"ok\">valid</span>" : "<span class=\"fail\">invalid</span>")
                .Append(CultureInfo.InvariantCulture, $" (export <code>{E(t["file"])}</code>)</p><table><tr><th>leaf</th><th>record</th><th>inclusion proof</th></tr>");
            foreach (var x in t["entries"]!.AsArray())
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(x!["leaf"])}</td><td>{E(x["kind"])}: {E(x["summary"])}</td><td><code>{E(x["proof_hashes"])}</code></td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Ledger events caused by the demo</h2><table><tr><th>kind</th><th>id</th><th>subject</th><th>height</th><th>leaf</th><th>outcome</th></tr>");
        foreach (var e in report["ledger_events"]!.AsArray())
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(e!["kind"])}</td><td>{E(e["id"])}</td><td>{E(e["subject"])}</td><td>{E(e["height"])}</td><td>{E(e["leaf"])}</td><td>{E(e["outcome"])}</td></tr>");
        }

        return html.Append("</table></body></html>").ToString();
    }
}

internal sealed record DemoStep(string Stage, string Step, bool Passed, string Detail);

internal sealed record DemoEvent(string Kind, string Id, string Subject, long Height, long Leaf, string Outcome);

internal sealed record DemoTrailEntry(long Leaf, string Kind, string Summary, string ProofHashes);

internal sealed record DemoTrail(string Index, string Key, string File, int Records, long TreeSize, string Root, int Signatures, bool Verified, IReadOnlyList<DemoTrailEntry> Entries);
