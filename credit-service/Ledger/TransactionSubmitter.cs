using GovChain.Ledger.Application;
using GovChain.Ledger.Transport;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// Signs and submits a payload as one <see cref="SigningActor"/>, keeping its nonce in step with the ledger: the
/// nonce advances only on an accepted commit, and is re-read after a refusal, a nonce mismatch or an undecided outcome.
/// </summary>
internal sealed class TransactionSubmitter(ValidatorConnections validators)
{
    private const int MaxAttempts = 6;

    public async Task<LedgerReceipt> SubmitAsync(SigningActor actor, TransactionPayload payload, CancellationToken cancel)
    {
        await actor.Gate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; attempt < MaxAttempts; attempt++)
            {
                var nonce = actor.NextNonce ?? await ReadNonceAsync(actor, cancel).ConfigureAwait(false);
                var transaction = LedgerTransaction.Sign(validators.ChainId, actor.Key, nonce, payload).Encode();
                var reply = await validators.CallAsync((c, t) => c.SubmitAsync(transaction, t), cancel).ConfigureAwait(false);
                switch (reply.Outcome)
                {
                    case SubmitOutcome.Accepted:
                        actor.NextNonce = nonce + 1;
                        return new LedgerReceipt(true, true, reply.Reason, reply.Height, reply.Leaf);
                    case SubmitOutcome.Rejected when !reply.Reason.StartsWith("nonce ", StringComparison.Ordinal):
                        actor.NextNonce = nonce;
                        return new LedgerReceipt(reply.Height >= 0, false, reply.Reason, reply.Height, -1);
                    case SubmitOutcome.Pending:
                        // It may still commit: forget the nonce so the next use reads it from the ledger.
                        actor.NextNonce = null;
                        throw new LedgerUnavailableException("the ledger has not committed the record yet; retry with the same id");
                    default:
                        actor.NextNonce = null;
                        await Task.Delay(TimeSpan.FromMilliseconds(100 << attempt), cancel).ConfigureAwait(false);
                        break;
                }
            }

            throw new LedgerUnavailableException("the ledger did not admit the record; retry later");
        }
        catch
        {
            actor.NextNonce = null;
            throw;
        }
        finally
        {
            actor.Gate.Release();
        }
    }

    private async Task<ulong> ReadNonceAsync(SigningActor actor, CancellationToken cancel)
    {
        var participant = await validators.CallAsync((c, t) => c.ParticipantByKeyAsync(actor.PublicKey, t), cancel).ConfigureAwait(false);
        return participant?.NextNonce ?? throw new InvalidOperationException($"{actor.Id} is not registered on the ledger");
    }
}
