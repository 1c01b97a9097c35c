using GovChain.Ledger.Application;

namespace GovChain.Cli.Commands;

/// <summary>
/// How `bench ledger` signs its records: one transaction each, or batches of <see cref="BatchSize"/> signed by
/// <see cref="Services"/> agency services; and whether auditors query trails throughout the measured window
/// (<see cref="TrailsDuringLoad"/>), so that commit latency is measured under read load too.
/// </summary>
internal sealed record LedgerBenchLoadShape(bool Batch, int BatchSize, int Services, bool TrailsDuringLoad = false)
{
    public static LedgerBenchLoadShape Individual { get; } = new(false, 1, 0);

    public void Validate()
    {
        if (Batch && BatchSize is < 1 or > RecordBatch.MaxRecords)
        {
            throw new CliInputException($"--batch-size must be between 1 and {RecordBatch.MaxRecords}");
        }

        if (Batch && Services is < 1 or > 1024)
        {
            throw new CliInputException("--services must be between 1 and 1024");
        }
    }
}
