using System.Diagnostics;
using System.Text;
using GovChain.Ledger.Codec;

namespace GovChain.Cli.Commands;

/// <summary>
/// The PostgreSQL side of `bench ledger`: Debian's PostgreSQL 15 in a throwaway cluster on 127.0.0.1 (run as
/// <c>nobody</c> when the bench runs as root, since postgres refuses root), <c>synchronous_commit=on</c> and
/// <c>fsync=on</c>, storing the same signed records the ledger committed, one SQL transaction per ledger transaction
/// (one row, or one multi-row INSERT per batch), from as many concurrent sessions as the ledger load had clients in
/// flight. No PostgreSQL driver is referenced by the solution, so the sessions are <c>psql</c> processes fed SQL
/// scripts; each script is written before the clock starts. Closed loop: the figure is rows stored per second.
/// </summary>
internal static class LedgerBenchPostgres
{
    public const int MaxRows = 100_000;
    public const int MaxSessions = 200;
    private const string Bin = "/usr/lib/postgresql/15/bin";

    /// <summary>Rows per second, or null (with the reason printed) when PostgreSQL cannot be run here.</summary>
    public static async Task<double?> MeasureAsync(IEnumerable<byte[][]> transactions, int sessions, TextWriter output, CancellationToken cancel)
    {
        if (!File.Exists(Path.Combine(Bin, "postgres")) || !File.Exists("/usr/bin/psql"))
        {
            output.WriteLine($"postgres skipped: PostgreSQL 15 is not installed ({Bin}, /usr/bin/psql; apt-get install -y postgresql-15)");
            return null;
        }

        var root = Path.Combine(Path.GetTempPath(), "govchain-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var asRoot = Environment.UserName == "root";
        var port = 40_000 + Random.Shared.Next(20_000);
        var data = Path.Combine(root, "data");
        try
        {
            if (asRoot && await RunAsync("chown", ["-R", "nobody", root], cancel).ConfigureAwait(false) is { } chown)
            {
                output.WriteLine($"postgres skipped: cannot hand the cluster directory to user nobody ({chown})");
                return null;
            }

            if (await Server(asRoot, "initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], cancel).ConfigureAwait(false) is { } initdb)
            {
                output.WriteLine($"postgres skipped: initdb failed ({initdb})");
                return null;
            }

            var settings = $"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} -c synchronous_commit=on -c fsync=on -c max_connections={MaxSessions + 10}";
            if (await Server(asRoot, "pg_ctl", ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o", settings, "start"], cancel).ConfigureAwait(false) is { } start)
            {
                output.WriteLine($"postgres skipped: the server did not start ({start})");
                return null;
            }

            if (await Psql(port, ["-c", "CREATE TABLE records (id bytea PRIMARY KEY, record bytea NOT NULL)"], cancel).ConfigureAwait(false) is { } create)
            {
                throw new InvalidOperationException("postgres: " + create);
            }

            var scripts = WriteScripts(root, transactions, Math.Clamp(sessions, 1, MaxSessions), out var rows);
            output.WriteLine($"postgres: {rows} rows in {scripts.Count} concurrent psql sessions, synchronous_commit=on");
            var clock = Stopwatch.StartNew();
            var failures = await Task.WhenAll(scripts.Select(s => Psql(port, ["-q", "-v", "ON_ERROR_STOP=1", "-f", s], cancel))).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds;
            if (failures.FirstOrDefault(f => f is not null) is { } failure)
            {
                throw new InvalidOperationException("postgres: " + failure);
            }

            return rows / seconds;
        }
        finally
        {
            if (Directory.Exists(data))
            {
                await Server(asRoot, "pg_ctl", ["-D", data, "-m", "immediate", "stop"], CancellationToken.None).ConfigureAwait(false);
            }

            Directory.Delete(root, recursive: true);
        }
    }

    // One script per session; ledger transactions are dealt round-robin, each becoming one SQL transaction.
    private static List<string> WriteScripts(string root, IEnumerable<byte[][]> transactions, int sessions, out long rows)
    {
        var builders = Enumerable.Range(0, sessions).Select(_ => new StringBuilder()).ToArray();
        rows = 0;
        var next = 0;
        foreach (var records in transactions)
        {
            if (rows + records.Length > MaxRows)
            {
                break;
            }

            var sql = builders[next++ % sessions];
            sql.Append(records.Length == 1 ? "INSERT INTO records VALUES " : "BEGIN;\nINSERT INTO records VALUES ");
            for (var i = 0; i < records.Length; i++)
            {
                sql.Append(i == 0 ? "" : ",").Append("('\\x").Append(Hash32.Compute(records[i]).ToString()).Append("','\\x").Append(Convert.ToHexStringLower(records[i])).Append("')");
            }

            sql.Append(records.Length == 1 ? ";\n" : ";\nCOMMIT;\n");
            rows += records.Length;
        }

        var files = new List<string>();
        for (var s = 0; s < sessions && builders[s].Length > 0; s++)
        {
            var file = Path.Combine(root, $"session-{s}.sql");
            File.WriteAllText(file, builders[s].ToString());
            files.Add(file);
        }

        return files;
    }

    private static Task<string?> Server(bool asRoot, string tool, string[] args, CancellationToken cancel) =>
        asRoot ? RunAsync("runuser", ["-u", "nobody", "--", Path.Combine(Bin, tool), .. args], cancel) : RunAsync(Path.Combine(Bin, tool), args, cancel);

    private static Task<string?> Psql(int port, string[] args, CancellationToken cancel) =>
        RunAsync("/usr/bin/psql", ["-X", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", .. args], cancel);

    /// <summary>Null on exit 0, otherwise the last line of stderr.</summary>
    private static async Task<string?> RunAsync(string file, string[] args, CancellationToken cancel)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancel);
        var stderr = process.StandardError.ReadToEndAsync(cancel);
        await process.WaitForExitAsync(cancel).ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        _ = await stdout.ConfigureAwait(false);
        return process.ExitCode == 0 ? null : error.Trim().Split('\n')[^1];
    }
}
