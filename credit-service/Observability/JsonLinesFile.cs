namespace GovChain.CreditService.Observability;

/// <summary>
/// An append-only JSON Lines file kept open for the life of the node: each line is written whole under a lock and
/// flushed to the OS, so readers see complete lines and a crash can only tear the last one.
/// </summary>
public sealed class JsonLinesFile(string path) : IDisposable
{
    private readonly Lock gate = new();
    private FileStream? stream;

    public string Path { get; } = path;

    public void Append(ReadOnlySpan<byte> json)
    {
        lock (gate)
        {
            stream ??= new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(json);
            stream.WriteByte((byte)'\n');
            stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stream?.Dispose();
            stream = null;
        }
    }
}
