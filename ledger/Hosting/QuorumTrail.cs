using System.Collections.Immutable;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Gathers a trail whose tree head a quorum signed, from running validators: each validator signs only its own current
/// head, so the trail is asked of every validator until 2f+1 of them answer with the same head (same size, root, block
/// height and hash); their signatures are merged. Honest validators commit the same blocks, so their heads agree as
/// soon as they have caught up; under a steady stream of commits this takes a few rounds.
/// </summary>
public static class QuorumTrail
{
    public static async Task<AuditBundle> FetchAsync(IReadOnlyList<LedgerClient> validators, TrailRequest request, TimeSpan timeout, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(request);
        var quorum = (2 * validators.Count / 3) + 1;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        var attempt = 0;
        while (true)
        {
            var answers = await Task.WhenAll(validators.Select(v => TryTrailAsync(v, request, deadline.Token))).ConfigureAwait(false);
            var agreeing = answers
                .OfType<AuditBundle>()
                .GroupBy(b => b.Head.Head)
                .OrderByDescending(g => g.Count())
                .FirstOrDefault();
            if (agreeing is not null && agreeing.Count() >= quorum)
            {
                var signatures = agreeing.SelectMany(b => b.Head.Signatures).DistinctBy(s => s.Validator).OrderBy(s => s.Validator).ToImmutableArray();
                var first = agreeing.First();
                return first with { Head = new SignedTreeHead(first.Head.Head, signatures) };
            }

            if (deadline.IsCancellationRequested)
            {
                cancel.ThrowIfCancellationRequested();
                throw new TimeoutException($"fewer than {quorum} validators agreed on a tree head within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * ++attempt, 500)), deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    private static async Task<AuditBundle?> TryTrailAsync(LedgerClient validator, TrailRequest request, CancellationToken cancel)
    {
        try
        {
            return await validator.TrailAsync(request, cancel).ConfigureAwait(false);
        }
        catch (Grpc.Core.RpcException)
        {
            return null;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
    }
}
