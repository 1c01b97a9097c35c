using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Query answers by query id, written (atomically, fsynced) BEFORE the ledger submit: after a crash the retry finds
/// the answer here and re-submits the identical record, so the query is computed and recorded at most once.
/// File names are SM3(query id) so ids do not appear on disk.
/// </summary>
public sealed class QueryResultStore
{
    private readonly string root;

    public QueryResultStore(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        root = Path.GetFullPath(directory);
        Directory.CreateDirectory(root);
    }

    public void Put(StoredQueryResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        AtomicFile.Write(PathOf(result.QueryId), result.Encode());
    }

    /// <summary>The stored answer, or null when this query id was never answered here.</summary>
    public StoredQueryResult? TryGet(string queryId)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(PathOf(queryId));
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var result = StoredQueryResult.Decode(bytes);
        return result.QueryId == queryId ? result : throw new BlobIntegrityException($"stored result for query {queryId} names another query");
    }

    private string PathOf(string queryId) =>
        Path.Combine(root, Hash32.Compute(System.Text.Encoding.UTF8.GetBytes(queryId)) + ".qr");
}
