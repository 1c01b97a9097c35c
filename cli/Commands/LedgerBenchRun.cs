namespace GovChain.Cli.Commands;

/// <summary>
/// What one `bench ledger` load leaves for the later phases: its figures, the signed records the ledger committed
/// (one array per ledger transaction) for PostgreSQL, the number of clients that had records in flight, and subjects
/// whose trails to query; and the trail queries made while it ran, if any were.
/// </summary>
internal sealed record LedgerBenchRun(LoadResult Result, IEnumerable<byte[][]> CommittedTransactions, int Concurrency, IReadOnlyList<string> TrailSubjects, TrailFigures? TrailsDuringLoad);
