using Microsoft.AspNetCore.Http;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Bytes of replies a node holds for its clients. A reply's worst case is reserved before it is built and what it
/// really takes is held until its call ends: a client that reads slowly, or not at all, keeps its replies in the
/// node's memory until then, so without a bound a few stalled readers could grow a validator's memory by a
/// maximum-size message per open stream. When the budget is spent, callers wait their turn in order (or until their
/// own deadline); a reply still unsent after <see cref="HoldUntilSent"/>'s limit has its call aborted, so no reader
/// holds its share for longer than that.
/// </summary>
internal sealed class ReplyBudget
{
    private readonly Lock gate = new();
    private readonly LinkedList<Waiter> waiters = new();
    private long available;

    public ReplyBudget(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        available = capacity;
    }

    public long Capacity { get; }

    /// <summary>Bytes not reserved or held now (negative while a reply exceeds what it reserved).</summary>
    public long Available
    {
        get
        {
            lock (gate)
            {
                return available;
            }
        }
    }

    /// <summary>Takes <paramref name="bytes"/> at once if no one is waiting and they are free; otherwise waits in line.</summary>
    public Task ReserveAsync(long bytes, CancellationToken cancel)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bytes, Capacity);
        cancel.ThrowIfCancellationRequested();
        LinkedListNode<Waiter> node;
        lock (gate)
        {
            if (waiters.Count == 0 && available >= bytes)
            {
                available -= bytes;
                return Task.CompletedTask;
            }

            node = waiters.AddLast(new Waiter(bytes));
        }

        // Registered outside the lock: a token cancelled meanwhile runs Cancel at once, which takes the lock itself.
        node.Value.Registration = cancel.Register(() => Cancel(node, cancel));
        return node.Value.Ready.Task;
    }

    /// <summary>Returns <paramref name="bytes"/>, granting waiters in order; a negative amount takes more without waiting.</summary>
    public void Release(long bytes)
    {
        List<Waiter>? granted = null;
        lock (gate)
        {
            available += bytes;
            while (waiters.First is { } first && available >= first.Value.Bytes)
            {
                available -= first.Value.Bytes;
                waiters.RemoveFirst();
                (granted ??= []).Add(first.Value);
            }
        }

        foreach (var waiter in granted ?? [])
        {
            waiter.Registration.Dispose();
            waiter.Ready.TrySetResult();
        }
    }

    /// <summary>
    /// Holds <paramref name="bytes"/> until the call of <paramref name="http"/> has ended (its reply sent, or the call
    /// aborted), and aborts the call if that has not happened within <paramref name="limit"/>.
    /// </summary>
    public void HoldUntilSent(HttpContext http, long bytes, TimeSpan limit)
    {
        ArgumentNullException.ThrowIfNull(http);
        var deadline = new CancellationTokenSource(limit);
        var abort = deadline.Token.Register(static state => ((HttpContext)state!).Abort(), http);
        http.Response.OnCompleted(() =>
        {
            // Unregistered first, which waits out an abort already running: the server reuses a finished call's
            // context for later requests, and a late abort must never reach one of those.
            abort.Dispose();
            deadline.Dispose();
            Release(bytes);
            return Task.CompletedTask;
        });
    }

    private void Cancel(LinkedListNode<Waiter> node, CancellationToken cancel)
    {
        lock (gate)
        {
            if (node.List is null)
            {
                return; // granted first
            }

            waiters.Remove(node);
        }

        node.Value.Ready.TrySetCanceled(cancel);
        Release(0); // a large request leaving the head of the line may let smaller ones behind it go
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
