using GovChain.CreditService.Data;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Runs a bureau's encrypted query: role and consent checks first (a denial is recorded with RecordQuery or
/// RecordDenial before the refusal), then the HE evaluation, the answer persisted, and only then the ledger record.
/// A retry under the same query id returns the persisted answer and never records twice.
/// </summary>
public sealed class QueryProcessor
{
    public const string Operation = "Queries/Run";

    private readonly IAuditLedger ledger;
    private readonly ModelRegistry models;
    private readonly EncryptedQueryEngine engine;
    private readonly QueryResultStore results;
    private readonly ISubjectDataStore data;
    private readonly DenialRecorder denials;
    private readonly TimeProvider clock;
    private readonly KeyedLocks locks = new();

    public QueryProcessor(IAuditLedger ledger, ModelRegistry models, EncryptedQueryEngine engine, QueryResultStore results, ISubjectDataStore data, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(clock);
        this.ledger = ledger;
        this.models = models;
        this.engine = engine;
        this.results = results;
        this.data = data;
        this.clock = clock;
        denials = new DenialRecorder(ledger);
    }

    public Task<QueryAnswer> RunAsync(VerifiedActor bureau, QueryRequest request, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        var keyId = RequestFieldRules.Hash(request.KeyId, "key_id");
        return RunAsync(bureau, request, new EncryptedScoring(engine, keyId, request.EncryptedWeights), cancel);
    }

    /// <summary>The same path with plaintext scoring (<see cref="PlaintextScoring"/>): the benchmark's baseline.</summary>
    public Task<QueryAnswer> RunPlaintextAsync(VerifiedActor bureau, QueryRequest request, IReadOnlyList<ulong> weights, CancellationToken cancel) =>
        RunAsync(bureau, request, new PlaintextScoring(weights), cancel);

    private async Task<QueryAnswer> RunAsync(VerifiedActor bureau, QueryRequest request, QueryScoring scoring, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(bureau);
        ArgumentNullException.ThrowIfNull(request);
        var queryId = RequestFieldRules.Id(request.QueryId, "query_id");
        var consentId = RequestFieldRules.Id(request.ConsentId, "consent_id");
        var subject = RequestFieldRules.Id(request.Subject, "subject");
        using var span = ServiceTelemetry.Source.StartActivity("query.run");
        span?.SetTag("govchain.query_id", queryId);
        using var serialized = await locks.AcquireAsync(queryId, cancel).ConfigureAwait(false);
        if (bureau.Role != ParticipantRole.Bureau)
        {
            throw await denials.DenyAsync(bureau, Operation, subject, "only a bureau runs queries", cancel).ConfigureAwait(false);
        }

        var model = models.Get(request.ModelId);
        var inputHash = scoring.InputHash;
        var fingerprint = StoredQueryResult.Fingerprint(consentId, subject, bureau.Id, model.Id, scoring.KeyId, inputHash);
        var stored = results.TryGet(queryId);
        if (stored is not null)
        {
            return stored.RequestFingerprint == fingerprint
                ? await RecordAsync(bureau, request, model, stored, cancel).ConfigureAwait(false)
                : throw new MalformedInputException("query_id", $"query {queryId} was already used for a different request");
        }

        if (await ledger.QueryAsync(queryId, cancel).ConfigureAwait(false) is { } earlier)
        {
            // Recorded before without an answer kept here: only a denial can be (the answer is stored before recording).
            throw earlier.Allowed || earlier.Bureau != bureau.Id
                ? new MalformedInputException("query_id", $"query {queryId} is already recorded")
                : new AccessDeniedException(earlier.Reason);
        }

        var pending = new StoredQueryResult(queryId, fingerprint, model.ModelHash, inputHash, Hash32.Zero, []);
        await AuthorizeAsync(bureau, request, model, pending, cancel).ConfigureAwait(false);
        var raw = await ReadFeaturesAsync(bureau, subject, model, cancel).ConfigureAwait(false);
        var score = scoring.Score(model.Scale(raw));
        stored = pending with { OutputHash = score.OutputHash, EncryptedScore = score.Ciphertext };
        results.Put(stored);
        return await RecordAsync(bureau, request, model, stored, cancel).ConfigureAwait(false);
    }

    /// <summary>Refuses (after recording) a query the consent does not cover, before any HE work.</summary>
    private async Task AuthorizeAsync(VerifiedActor bureau, QueryRequest request, ScoringModel model, StoredQueryResult pending, CancellationToken cancel)
    {
        using var span = ServiceTelemetry.Source.StartActivity("authorize.consent");
        var consent = await ledger.ConsentAsync(request.ConsentId, cancel).ConfigureAwait(false);
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        if (ConsentCheck.DenialReason(consent, bureau.Id, request.Subject, model.Categories, now) is not null)
        {
            var receipt = await SubmitAsync(bureau, request, model, pending, cancel).ConfigureAwait(false);
            throw !receipt.Accepted ? new LedgerRejectionException(receipt.Reason)
                : receipt.IsAllowed ? new LedgerRejectionException($"consent {request.ConsentId} changed while query {request.QueryId} was being recorded; retry with a new query id")
                : new AccessDeniedException(receipt.Reason);
        }

        if (ConsentCheck.ClassificationDenial(consent!, model) is { } tooLow)
        {
            throw await denials.DenyAsync(bureau, Operation, request.Subject, tooLow, cancel).ConfigureAwait(false);
        }
    }

    private async Task<long[]> ReadFeaturesAsync(VerifiedActor bureau, string subject, ScoringModel model, CancellationToken cancel)
    {
        if (!data.Contains(subject))
        {
            var reason = await denials.RecordAsync(bureau, Operation, subject, $"this agency holds no data on subject {subject}", cancel).ConfigureAwait(false);
            throw new ResourceNotFoundException(reason);
        }

        try
        {
            return FeatureVector.Read(data, subject, model.Features.Select(f => f.Name).ToArray());
        }
        catch (MissingDataException ex)
        {
            throw new ResourceNotFoundException($"unknown subject data: {ex.Message}", ex);
        }
    }

    private async Task<QueryAnswer> RecordAsync(VerifiedActor bureau, QueryRequest request, ScoringModel model, StoredQueryResult stored, CancellationToken cancel)
    {
        if (stored.Leaf >= 0)
        {
            return new QueryAnswer(stored.QueryId, stored.EncryptedScore, stored.Height, stored.Leaf);
        }

        var receipt = await SubmitAsync(bureau, request, model, stored, cancel).ConfigureAwait(false);
        if (receipt.Accepted)
        {
            if (!receipt.IsAllowed)
            {
                throw new AccessDeniedException(receipt.Reason);
            }

            results.Put(stored with { Height = receipt.Height, Leaf = receipt.Leaf });
            return new QueryAnswer(stored.QueryId, stored.EncryptedScore, receipt.Height, receipt.Leaf);
        }

        // Rejected: most likely an earlier attempt (before a crash or a lost reply) committed it already.
        var record = await ledger.QueryAsync(stored.QueryId, cancel).ConfigureAwait(false);
        if (record is null || record.Bureau != bureau.Id || record.InputHash != stored.InputHash || record.OutputHash != stored.OutputHash
            || record.ModelHash != stored.ModelHash)
        {
            throw new LedgerRejectionException(receipt.Reason);
        }

        if (!record.Allowed)
        {
            throw new AccessDeniedException(record.Reason);
        }

        var leaf = await FindLeafAsync(record, cancel).ConfigureAwait(false);
        results.Put(stored with { Leaf = leaf });
        return new QueryAnswer(stored.QueryId, stored.EncryptedScore, -1, leaf);
    }

    private async Task<LedgerReceipt> SubmitAsync(VerifiedActor bureau, QueryRequest request, ScoringModel model, StoredQueryResult stored, CancellationToken cancel)
    {
        var payload = new RecordQuery(stored.QueryId, request.ConsentId, request.Subject, bureau.Id, [.. model.Categories], model.ModelHash,
            stored.InputHash, stored.OutputHash, bureau.RequestHash);
        var receipt = await ledger.SubmitAsync(payload, cancel).ConfigureAwait(false);
        if (receipt.Accepted)
        {
            ServiceMetrics.QueryRecorded(receipt.IsAllowed);
        }

        return receipt;
    }

    /// <summary>The transparency-log leaf of an already committed query, from its consent trail.</summary>
    private async Task<long> FindLeafAsync(QueryRecord record, CancellationToken cancel)
    {
        var query = new GovChain.Ledger.Storage.TrailQuery(GovChain.Ledger.Storage.TrailIndex.Consent, record.ConsentId);
        while (true)
        {
            var page = await ledger.TrailAsync(query, cancel).ConfigureAwait(false);
            foreach (var audited in page.Bundle.Records)
            {
                if (LedgerTransaction.Decode(audited.Record).Payload is RecordQuery q && q.QueryId == record.Id)
                {
                    return audited.Proof.LeafIndex;
                }
            }

            if (page.NextFromLeaf is not { } next)
            {
                return -1;
            }

            query = query.StartingAt(next);
        }
    }
}
