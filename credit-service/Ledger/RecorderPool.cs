using System.Threading.Channels;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// The recorder identities of a node. Each key's nonces are sequential, so concurrent requests each take a free
/// recorder for one submission; requests queue when all are busy.
/// </summary>
internal sealed class RecorderPool : IDisposable
{
    private readonly Channel<SigningActor> free = Channel.CreateUnbounded<SigningActor>();
    private readonly List<SigningActor> all;

    public RecorderPool(IEnumerable<SigningActor> recorders)
    {
        all = [.. recorders];
        if (all.Count == 0)
        {
            throw new ArgumentException("a recorder pool needs at least one recorder", nameof(recorders));
        }

        foreach (var recorder in all)
        {
            free.Writer.TryWrite(recorder);
        }
    }

    public async Task<T> WithRecorderAsync<T>(Func<SigningActor, Task<T>> use, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(use);
        var recorder = await free.Reader.ReadAsync(cancel).ConfigureAwait(false);
        try
        {
            return await use(recorder).ConfigureAwait(false);
        }
        finally
        {
            free.Writer.TryWrite(recorder);
        }
    }

    public void Dispose()
    {
        foreach (var recorder in all)
        {
            recorder.Dispose();
        }
    }
}
