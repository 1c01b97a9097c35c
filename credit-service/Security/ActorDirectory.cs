using System.Collections.Concurrent;
using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;

namespace GovChain.CreditService.Security;

/// <summary>
/// Participant id → role and key, read from the ledger and cached: a participant's key and role never change once
/// registered, so a positive answer stays true. Unknown ids are asked again each time (they may register later).
/// </summary>
public sealed class ActorDirectory(IAuditLedger ledger, int capacity = 100_000)
{
    private readonly ConcurrentDictionary<string, Participant> cache = new(StringComparer.Ordinal);

    public async Task<Participant?> FindAsync(string id, CancellationToken cancel)
    {
        if (cache.TryGetValue(id, out var known))
        {
            return known;
        }

        var participant = await ledger.ParticipantAsync(id, cancel).ConfigureAwait(false);
        if (participant is not null)
        {
            if (cache.Count >= capacity)
            {
                cache.Clear();
            }

            cache[id] = participant;
        }

        return participant;
    }
}
