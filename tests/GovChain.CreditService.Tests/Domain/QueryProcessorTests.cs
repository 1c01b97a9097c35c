using GovChain.CreditService.Domain;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Storage;
using Xunit;

namespace GovChain.CreditService.Tests.Domain;

public sealed class QueryProcessorTests : IClassFixture<RegisteredKeys>, IDisposable
{
    private static readonly string[] RetailCategories = ["court", "social-security", "tax", "utilities"];

    /// <summary>The fixture's stored values scaled by hand with the retail model's published divisors (independent of the code).</summary>
    private static readonly ulong[] RetailFeatures = [48, 0, 0, 96, 90, 1, 32, 0, 2];

    private readonly BureauKeys bureau;
    private readonly FeatureWorld world;
    private readonly string keyId;
    private readonly ulong[] weights = [7, 3, 50, 2, 5, 40, 1, 60, 9];

    public QueryProcessorTests(RegisteredKeys keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        bureau = keys.Bureau;
        world = new FeatureWorld(keys.Registry);
        keyId = keys.KeyId;
    }

    public void Dispose() => world.Dispose();

    private QueryRequest Request(string consentId, string? queryId = null, string? subject = null, byte[]? encryptedWeights = null, string? key = null) =>
        new(queryId ?? "q-" + Guid.NewGuid().ToString("N")[..12], consentId, subject ?? world.Subject, ModelRegistry.RetailCredit, key ?? keyId,
            encryptedWeights ?? bureau.EncryptWeights(weights));

    private List<RecordQuery> RecordedQueries() =>
        world.Ledger.TrailAsync(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Bureau, FeatureWorld.BureauId)).Result.Bundle.Records
            .Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordQuery>().ToList();

    private List<RecordDenial> RecordedDenials(string subject) =>
        world.Ledger.TrailAsync(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Subject, subject)).Result.Bundle.Records
            .Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordDenial>().ToList();

    [Fact]
    public async Task AnAllowedQueryDecryptsToThePlaintextScoreAndIsRecorded()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        var answer = await world.Queries.RunAsync(world.Bureau, request, default);

        Assert.Equal(bureau.PlainScore(weights, RetailFeatures), bureau.DecryptScore(answer.EncryptedScore));
        var record = await world.Ledger.QueryAsync(request.QueryId);
        Assert.NotNull(record);
        Assert.True(record.Allowed);
        Assert.Equal("allowed", record.Reason);
        Assert.Equal(Hash32.Compute(request.EncryptedWeights), record.InputHash);
        Assert.Equal(Hash32.Compute(answer.EncryptedScore), record.OutputHash);
        Assert.Equal(world.Models.Get(ModelRegistry.RetailCredit).ModelHash, record.ModelHash);
        Assert.Equal(RetailCategories, record.Categories);
        Assert.True(answer.Leaf >= 0);
    }

    [Fact]
    public async Task ThePlaintextBaselineTakesTheSamePathAndScoresInTheClear()
    {
        var consent = world.GrantConsent(RetailCategories);
        var request = Request(consent) with { KeyId = string.Empty, EncryptedWeights = [] };
        var answer = await world.Queries.RunPlaintextAsync(world.Bureau, request, weights, default);

        var expected = weights.Zip(RetailFeatures, (w, x) => w * x).Aggregate(0UL, (a, b) => a + b);
        Assert.Equal(expected, System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(answer.EncryptedScore));
        var record = await world.Ledger.QueryAsync(request.QueryId);
        Assert.True(record?.Allowed);
        Assert.Equal(Hash32.Compute(answer.EncryptedScore), record!.OutputHash);

        await Assert.ThrowsAsync<MalformedInputException>(() => world.Queries.RunPlaintextAsync(world.Bureau, Request(consent) with { KeyId = string.Empty }, [1, 2], default));
        var denied = Request("no-such-consent") with { KeyId = string.Empty };
        await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunPlaintextAsync(world.Bureau, denied, weights, default));
        Assert.False((await world.Ledger.QueryAsync(denied.QueryId))?.Allowed);
    }

    [Fact]
    public async Task ARetryReturnsTheSameAnswerAndRecordsOnce()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        var first = await world.Queries.RunAsync(world.Bureau, request, default);
        var second = await world.Queries.RunAsync(world.Bureau, request, default);
        Assert.Equal(first, second with { EncryptedScore = first.EncryptedScore });
        Assert.Equal(first.EncryptedScore, second.EncryptedScore);
        Assert.Single(RecordedQueries(), q => q.QueryId == request.QueryId);
    }

    [Fact]
    public async Task ConcurrentTriesOfOneQueryGetOneAnswerAndOneRecord()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => world.Queries.RunAsync(world.Bureau, request, default))));
        Assert.All(answers, a => Assert.Equal(answers[0].EncryptedScore, a.EncryptedScore));
        Assert.Single(RecordedQueries(), q => q.QueryId == request.QueryId);
    }

    [Fact]
    public async Task AFailureBeforeTheCommitIsRetriedWithThePersistedAnswer()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        var flaky = new FlakyLedger(world.Ledger) { FailNext = typeof(RecordQuery) };
        await Assert.ThrowsAsync<GovChain.CreditService.Ledger.LedgerUnavailableException>(() => world.QueriesOver(flaky).RunAsync(world.Bureau, request, default));
        Assert.Null(await world.Ledger.QueryAsync(request.QueryId));
        var persisted = world.Results.TryGet(request.QueryId);
        Assert.NotNull(persisted);

        var answer = await world.QueriesOver(world.Ledger).RunAsync(world.Bureau, request, default);
        Assert.Equal(persisted.EncryptedScore, answer.EncryptedScore);
        Assert.Equal(bureau.PlainScore(weights, RetailFeatures), bureau.DecryptScore(answer.EncryptedScore));
        Assert.Single(RecordedQueries(), q => q.QueryId == request.QueryId);
    }

    [Fact]
    public async Task AReplyLostAfterTheCommitIsNotRecordedTwice()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        var flaky = new FlakyLedger(world.Ledger) { FailNext = typeof(RecordQuery), CommitBeforeFailing = true };
        await Assert.ThrowsAsync<GovChain.CreditService.Ledger.LedgerUnavailableException>(() => world.QueriesOver(flaky).RunAsync(world.Bureau, request, default));
        Assert.NotNull(await world.Ledger.QueryAsync(request.QueryId));

        var answer = await world.QueriesOver(world.Ledger).RunAsync(world.Bureau, request, default);
        var record = await world.Ledger.QueryAsync(request.QueryId);
        Assert.Equal(Hash32.Compute(answer.EncryptedScore), record!.OutputHash);
        Assert.True(answer.Leaf >= 0);
        Assert.Single(RecordedQueries(), q => q.QueryId == request.QueryId);
    }

    [Fact]
    public async Task AQueryIdReusedForAnotherRequestIsRefused()
    {
        var consent = world.GrantConsent(RetailCategories);
        var request = Request(consent);
        await world.Queries.RunAsync(world.Bureau, request, default);
        var reused = Request(consent, queryId: request.QueryId);
        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => world.Queries.RunAsync(world.Bureau, reused, default));
        Assert.Equal("query_id", ex.Field);
    }

    [Fact]
    public async Task ACategoryOutsideTheScopeIsDeniedBeforeAnyHeWorkAndRecorded()
    {
        var request = Request(world.GrantConsent(["court", "social-security", "tax"]), key: new string('0', 64));
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Equal("denied: category utilities is outside the consent's scope", ex.Message);
        var record = await world.Ledger.QueryAsync(request.QueryId);
        Assert.NotNull(record);
        Assert.False(record.Allowed);
        Assert.Equal(ex.Message, record.Reason);
        Assert.Equal(Hash32.Zero, record.OutputHash);
        Assert.Null(world.Results.TryGet(request.QueryId));
    }

    [Fact]
    public async Task ARevokedConsentIsDeniedWithTheLedgersReasonAndARetryStaysDenied()
    {
        var consent = world.GrantConsent(RetailCategories);
        world.Clock.Advance(TimeSpan.FromMinutes(1));
        world.RevokeConsent(consent);
        var request = Request(consent);
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.StartsWith("denied: consent revoked at ", ex.Message, StringComparison.Ordinal);
        var again = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Equal(ex.Message, again.Message);
        Assert.Single(RecordedQueries(), q => q.QueryId == request.QueryId);
    }

    [Fact]
    public async Task AnExpiredConsentIsDenied()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        world.Clock.Advance(TimeSpan.FromDays(31));
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.StartsWith("denied: consent expired at ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryWithoutConsentIsDeniedAndRecorded()
    {
        var request = Request("no-such-consent");
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Equal("denied: no such consent", ex.Message);
        Assert.False((await world.Ledger.QueryAsync(request.QueryId))!.Allowed);
    }

    [Fact]
    public async Task AConsentForGeneralDataDoesNotCoverAModelReadingImportantData()
    {
        var request = Request(world.GrantConsent(RetailCategories, DataClassification.General));
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Contains("reads important data", ex.Message, StringComparison.Ordinal);
        Assert.Null(await world.Ledger.QueryAsync(request.QueryId));
        Assert.Contains(RecordedDenials(world.Subject), d => d.Operation == QueryProcessor.Operation && d.Reason == ex.Message);
    }

    [Fact]
    public async Task OnlyABureauRunsQueries()
    {
        var request = Request(world.GrantConsent(RetailCategories));
        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => world.Queries.RunAsync(world.Holder, request, default));
        Assert.Equal("denied: only a bureau runs queries", ex.Message);
        Assert.Contains(RecordedDenials(world.Subject), d => d.Requester == world.Subject && d.Reason == ex.Message);
        Assert.Null(await world.Ledger.QueryAsync(request.QueryId));
    }

    [Fact]
    public async Task ASubjectWithoutDataIsNotFoundAndTheAttemptIsRecorded()
    {
        var consent = world.GrantConsent(RetailCategories, subjectKey: world.OtherSubjectKey);
        var request = Request(consent, subject: world.OtherSubject);
        var ex = await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Contains("holds no data", ex.Message, StringComparison.Ordinal);
        Assert.Single(RecordedDenials(world.OtherSubject));
        Assert.Null(await world.Ledger.QueryAsync(request.QueryId));
    }

    [Fact]
    public async Task MalformedWeightsAreRefusedWithTheFieldNamed()
    {
        var good = bureau.EncryptWeights(weights);
        var request = Request(world.GrantConsent(RetailCategories), encryptedWeights: good[..(good.Length / 2)]);
        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Equal("encrypted_weights", ex.Field);
        Assert.Null(await world.Ledger.QueryAsync(request.QueryId));
    }

    [Theory]
    [InlineData("", "query_id")]
    [InlineData("abc", "key_id")]
    public async Task BadIdsAreRefusedBeforeAnyLedgerWork(string value, string field)
    {
        var before = world.Ledger.TransactionCount;
        var request = Request("c", queryId: field == "query_id" ? value : null, key: field == "key_id" ? value : null);
        var ex = await Assert.ThrowsAsync<MalformedInputException>(() => world.Queries.RunAsync(world.Bureau, request, default));
        Assert.Equal(field, ex.Field);
        Assert.Equal(before, world.Ledger.TransactionCount);
    }

    [Fact]
    public async Task AContractRejectionOfTheRecordIsNotPassedOffAsADenial()
    {
        var ghost = FeatureWorld.Actor("ghost-bureau", ParticipantRole.Bureau, GovChain.Crypto.Sm2PrivateKey.Generate());
        var ex = await Assert.ThrowsAsync<LedgerRejectionException>(() => world.Queries.RunAsync(ghost, Request("no-consent"), default));
        Assert.Equal("ghost-bureau is not a registered bureau", ex.Message);
    }

    [Fact]
    public async Task AnUnknownModelIsNotFound()
    {
        var request = Request(world.GrantConsent(RetailCategories)) with { ModelId = "no-model" };
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => world.Queries.RunAsync(world.Bureau, request, default));
    }
}
