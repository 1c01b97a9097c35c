using System.Text;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Serializes work per key (a query id) with a fixed set of striped semaphores, so two concurrent tries of one query
/// never compute two different answers for one ledger record.
/// </summary>
internal sealed class KeyedLocks
{
    private readonly SemaphoreSlim[] stripes;

    public KeyedLocks(int stripes = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripes, 1);
        this.stripes = [.. Enumerable.Range(0, stripes).Select(_ => new SemaphoreSlim(1, 1))];
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancel)
    {
        var stripe = stripes[(uint)Hash32.Compute(Encoding.UTF8.GetBytes(key)).GetHashCode() % (uint)stripes.Length];
        await stripe.WaitAsync(cancel).ConfigureAwait(false);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
