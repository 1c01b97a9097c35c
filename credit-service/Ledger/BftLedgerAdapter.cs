using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// <see cref="IAuditLedger"/> on GovChain's BFT ledger: a mutual-TLS client of this node's validator (and of the
/// others for quorum-signed trails). Issuance and revocation are signed by the agency key, so the agency is the
/// issuer of record; other records go through a pool of recorder keys ("agency-i.recorder-k", role Agency,
/// registered once by the agency and kept in the data directory) so concurrent requests do not queue on one nonce.
/// </summary>
public sealed class BftLedgerAdapter : IAuditLedger, IDisposable
{
    private readonly ValidatorConnections validators;
    private readonly TransactionSubmitter submitter;
    private readonly SigningActor agency;
    private readonly RecorderPool recorders;
    private static readonly TimeSpan TrailTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan StartupWait = TimeSpan.FromSeconds(60);

    private BftLedgerAdapter(ValidatorConnections validators, SigningActor agency, RecorderPool recorders)
    {
        this.validators = validators;
        this.agency = agency;
        this.recorders = recorders;
        submitter = new TransactionSubmitter(validators);
    }

    public string AgencyId => agency.Id;

    /// <summary>
    /// Connects to validator <paramref name="validatorIndex"/> of the network under <paramref name="networkDirectory"/>
    /// and makes sure the recorder keys under <paramref name="dataDirectory"/> are registered.
    /// </summary>
    public static async Task<BftLedgerAdapter> ConnectAsync(
        string networkDirectory,
        int validatorIndex,
        string agencyId,
        Sm2PrivateKey agencyKey,
        string dataDirectory,
        int recorderCount,
        CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recorderCount, 1);
        var validators = new ValidatorConnections(networkDirectory, validatorIndex);
        var agency = new SigningActor(agencyId, agencyKey);
        try
        {
            var registered = await WaitForLedgerAsync(validators, agencyId, cancel).ConfigureAwait(false);
            if (registered is not { Role: ParticipantRole.Agency } || registered.PublicKeyHex != Convert.ToHexStringLower(agency.PublicKey))
            {
                throw new InvalidOperationException($"{agencyId} is not an agency registered on the ledger with this key");
            }

            var submitter = new TransactionSubmitter(validators);
            var keys = RecorderKeyStore.LoadOrCreate(dataDirectory, recorderCount);
            var actors = new List<SigningActor>();
            for (var i = 0; i < keys.Length; i++)
            {
                var actor = new SigningActor($"{agencyId}.recorder-{i}", keys[i]);
                await RegisterAsync(validators, submitter, agency, actor, cancel).ConfigureAwait(false);
                actors.Add(actor);
            }

            return new BftLedgerAdapter(validators, agency, new RecorderPool(actors));
        }
        catch
        {
            agency.Dispose();
            validators.Dispose();
            throw;
        }
    }

    public Task<LedgerReceipt> SubmitAsync(TransactionPayload payload, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return payload is IssueCredential or RevokeCredential
            ? submitter.SubmitAsync(agency, payload, cancel)
            : recorders.WithRecorderAsync(r => submitter.SubmitAsync(r, payload, cancel), cancel);
    }

    public async Task<LedgerReceipt> RelayAsync(byte[] signedTransaction, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(signedTransaction);
        var reply = await validators.CallAsync((c, t) => c.SubmitAsync(signedTransaction, t), cancel).ConfigureAwait(false);
        return reply.Outcome switch
        {
            SubmitOutcome.Accepted => new LedgerReceipt(true, true, reply.Reason, reply.Height, reply.Leaf),
            SubmitOutcome.Rejected => new LedgerReceipt(reply.Height >= 0, false, reply.Reason, reply.Height, -1),
            SubmitOutcome.Pending => throw new LedgerUnavailableException("the ledger has not committed the transaction yet; check its state before resubmitting"),
            _ => throw new LedgerUnavailableException("the ledger did not admit the transaction: " + reply.Reason),
        };
    }

    public Task<Participant?> ParticipantAsync(string id, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.ParticipantAsync(id, t), cancel);

    public Task<Participant?> ParticipantByKeyAsync(byte[] publicKey, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.ParticipantByKeyAsync(publicKey, t), cancel);

    public Task<ConsentRecord?> ConsentAsync(string id, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.ConsentAsync(id, t), cancel);

    public Task<CredentialRecord?> CredentialAsync(string id, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.CredentialAsync(id, t), cancel);

    public Task<QueryRecord?> QueryAsync(string id, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.QueryAsync(id, t), cancel);

    public Task<VerificationRecord?> VerificationAsync(string id, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.VerificationAsync(id, t), cancel);

    public Task<DenialRecord?> DenialAsync(string id, CancellationToken cancel = default) =>
        validators.CallAsync((c, t) => c.DenialAsync(id, t), cancel);

    /// <summary>
    /// Each validator signs only its own head, so the trail is gathered from all of them until a quorum agree on one
    /// head and page (<see cref="QuorumTrail"/>), each also signing that the page is complete; the merged bundle is
    /// checked before it leaves.
    /// </summary>
    public async Task<TrailPage> TrailAsync(TrailQuery query, CancellationToken cancel = default)
    {
        TrailPage page;
        try
        {
            page = await QuorumTrail.FetchAsync(validators.All(), new TrailRequest(query, Attested: true), validators.ChainId, validators.Validators, new Sm2SignatureVerifier(), TrailTimeout, cancel).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new LedgerUnavailableException(e.Message, e);
        }

        return AuditVerifier.Verify(page.Bundle, validators.ChainId, validators.Validators, new Sm2SignatureVerifier()) is { } reason
            ? throw new LedgerUnavailableException("the validators' trail does not verify: " + reason)
            : page;
    }

    public async Task<LedgerStatus> StatusAsync(CancellationToken cancel = default)
    {
        var status = await validators.CallAsync((c, t) => c.StatusAsync(t), cancel).ConfigureAwait(false);
        return new LedgerStatus(status.Height, status.StateRoot, status.Head);
    }

    public void Dispose()
    {
        recorders.Dispose();
        agency.Dispose();
        validators.Dispose();
    }

    /// <summary>Validators may still be starting when the node starts: keep asking for a while before giving up.</summary>
    private static async Task<Participant?> WaitForLedgerAsync(ValidatorConnections validators, string agencyId, CancellationToken cancel)
    {
        var deadline = DateTime.UtcNow + StartupWait;
        while (true)
        {
            try
            {
                return await validators.CallAsync((c, t) => c.ParticipantAsync(agencyId, t), cancel).ConfigureAwait(false);
            }
            catch (LedgerUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancel).ConfigureAwait(false);
            }
        }
    }

    private static async Task RegisterAsync(ValidatorConnections validators, TransactionSubmitter submitter, SigningActor agency, SigningActor recorder, CancellationToken cancel)
    {
        var existing = await validators.CallAsync((c, t) => c.ParticipantAsync(recorder.Id, t), cancel).ConfigureAwait(false);
        if (existing is null)
        {
            var receipt = await submitter.SubmitAsync(agency, new RegisterParticipant(recorder.Id, ParticipantRole.Agency, recorder.PublicKey), cancel).ConfigureAwait(false);
            if (!receipt.Accepted)
            {
                throw new InvalidOperationException($"could not register recorder {recorder.Id}: {receipt.Reason}");
            }
        }
        else if (existing.PublicKeyHex != Convert.ToHexStringLower(recorder.PublicKey))
        {
            throw new InvalidOperationException($"{recorder.Id} is registered with another key than the one in the data directory");
        }
    }
}
