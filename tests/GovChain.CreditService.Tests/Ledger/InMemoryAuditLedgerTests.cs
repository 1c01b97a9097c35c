using GovChain.Crypto;
using GovChain.CreditService.Ledger;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using Xunit;

namespace GovChain.CreditService.Tests.Ledger;

/// <summary>The in-memory port runs the real contracts: verdicts, rejections without effect, and trails an offline auditor accepts.</summary>
public sealed class InMemoryAuditLedgerTests
{
    private readonly ManualClock clock = new();
    private readonly Sm2PrivateKey bureau = Sm2PrivateKey.Generate();
    private readonly Sm2PrivateKey subject = Sm2PrivateKey.Generate();
    private readonly InMemoryAuditLedger ledger;

    public InMemoryAuditLedgerTests()
    {
        ledger = new InMemoryAuditLedger("agency-0", Sm2PrivateKey.Generate(), clock);
    }

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task A_query_is_allowed_under_consent_and_denied_after_revocation_and_the_trail_verifies()
    {
        await Setup();
        var allowed = await ledger.SubmitAsync(Query("q-1"));
        Assert.Equal((true, "allowed"), (allowed.Accepted, allowed.Reason));
        Assert.True(allowed.IsAllowed);

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await ledger.RelayAsync(ledger.SignAs(subject, new RevokeConsent("c-1")))).Accepted);
        clock.Advance(TimeSpan.FromMinutes(1));
        var denied = await ledger.SubmitAsync(Query("q-2"));
        Assert.True(denied.Accepted);
        Assert.StartsWith("denied: consent revoked at", denied.Reason, StringComparison.Ordinal);
        Assert.False(denied.IsAllowed);
        Assert.False((await ledger.QueryAsync("q-2"))!.Allowed);

        var trail = (await ledger.TrailAsync(new TrailQuery(TrailIndex.Consent, "c-1"))).Bundle;
        Assert.Equal(4, trail.Records.Length);
        Assert.Null(AuditVerifier.Verify(trail, ledger.Trust.ChainId, ledger.Trust.Validators, new Sm2SignatureVerifier()));
        Assert.Equal(5, (await ledger.TrailAsync(new TrailQuery(TrailIndex.Subject, "citizen-1"))).Bundle.Records.Length);
    }

    [Fact]
    public async Task Trails_page_by_leaf_and_by_time_interval_like_the_ledger()
    {
        await Setup();
        var start = clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            Assert.True((await ledger.SubmitAsync(Query($"q-{i}"))).Accepted);
        }

        var whole = (await ledger.TrailAsync(new TrailQuery(TrailIndex.Subject, "citizen-1"))).Bundle.Records.Select(r => r.Proof.LeafIndex).ToList();
        Assert.Equal(7, whole.Count); // registration, consent, five queries
        var paged = new List<long>();
        var query = new TrailQuery(TrailIndex.Subject, "citizen-1", 0, 3);
        while (true)
        {
            var page = await ledger.TrailAsync(query);
            Assert.InRange(page.Bundle.Records.Length, 1, 3);
            Assert.Null(AuditVerifier.Verify(page.Bundle, ledger.Trust.ChainId, ledger.Trust.Validators, new Sm2SignatureVerifier()));
            paged.AddRange(page.Bundle.Records.Select(r => r.Proof.LeafIndex));
            if (page.NextFromLeaf is not { } next)
            {
                break;
            }

            query = query.StartingAt(next);
        }

        Assert.Equal(whole, paged);

        // Queries 1..3 were committed in minutes 2..4 after the start.
        var interval = TrailQuery.FormatInterval(start.AddMinutes(2), start.AddMinutes(5));
        var byTime = (await ledger.TrailAsync(new TrailQuery(TrailIndex.Time, interval))).Bundle.Records;
        Assert.Equal(["q-1", "q-2", "q-3"], byTime.Select(r => ((RecordQuery)LedgerTransaction.Decode(r.Record).Payload).QueryId));
    }

    [Fact]
    public async Task A_repeated_query_id_is_rejected_and_changes_nothing()
    {
        await Setup();
        await ledger.SubmitAsync(Query("q-1"));
        var root = (await ledger.StatusAsync()).StateRoot;
        var again = await ledger.SubmitAsync(Query("q-1"));
        Assert.Equal((false, "query q-1 already recorded", -1L), (again.Accepted, again.Reason, again.Leaf));
        Assert.Equal(root, (await ledger.StatusAsync()).StateRoot);
    }

    [Fact]
    public async Task A_relayed_transaction_with_a_stale_nonce_or_bad_signature_is_rejected()
    {
        await Setup();
        var grant = ledger.SignAs(subject, new GrantConsent("c-2", "bureau-1", "loan", ["tax"], DataClassification.Important, Now, Now + 3600));
        Assert.True((await ledger.RelayAsync(grant)).Accepted);
        var replay = await ledger.RelayAsync(grant);
        Assert.StartsWith("nonce ", replay.Reason, StringComparison.Ordinal);

        var forged = ledger.SignAs(subject, new RevokeConsent("c-2"));
        forged[^1] ^= 1;
        Assert.Equal((false, "signature does not verify"), ((await ledger.RelayAsync(forged)).Accepted, (await ledger.RelayAsync(forged)).Reason));
        Assert.Null((await ledger.ConsentAsync("c-2"))!.RevokedAt);
    }

    [Fact]
    public async Task Any_altered_byte_of_an_exported_trail_is_caught()
    {
        await Setup();
        await ledger.SubmitAsync(Query("q-1"));
        var file = AuditExport.Encode((await ledger.TrailAsync(new TrailQuery(TrailIndex.Subject, "citizen-1"))).Bundle);
        var random = new Random(5);
        for (var i = 0; i < file.Length; i += 1 + random.Next(9))
        {
            var altered = (byte[])file.Clone();
            altered[i] ^= (byte)random.Next(1, 256);
            string? reason;
            try
            {
                reason = AuditVerifier.Verify(AuditExport.Decode(altered), ledger.Trust.ChainId, ledger.Trust.Validators, new Sm2SignatureVerifier());
            }
            catch (GovChain.Ledger.LedgerFormatException e)
            {
                reason = e.Message;
            }

            Assert.False(reason is null, $"byte {i} altered but the trail still verifies");
        }
    }

    [Fact]
    public async Task A_recorded_denial_lands_in_the_subject_trail()
    {
        await Setup();
        var receipt = await ledger.SubmitAsync(new RecordDenial("d-1", "bureau-1", "Audit/Trail", "citizen-1", "denied: not yours", Hash32.Compute("r"u8)));
        Assert.True(receipt.Accepted);
        Assert.Equal("bureau-1", (await ledger.DenialAsync("d-1"))!.Requester);
        var trail = (await ledger.TrailAsync(new TrailQuery(TrailIndex.Bureau, "bureau-1"))).Bundle;
        Assert.Contains(trail.Records, r => LedgerTransaction.Decode(r.Record).Payload is RecordDenial { DenialId: "d-1" });
    }

    private RecordQuery Query(string id) =>
        new(id, "c-1", "citizen-1", "bureau-1", ["tax"], Hash32.Compute("model"u8), Hash32.Compute("in"u8), Hash32.Compute("out"u8), Hash32.Compute(id.AsSpan().ToArray().Select(c => (byte)c).ToArray()));

    private async Task Setup()
    {
        Assert.True((await ledger.SubmitAsync(new RegisterParticipant("bureau-1", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed()))).Accepted);
        Assert.True((await ledger.RelayAsync(ledger.SignAs(subject, new RegisterParticipant("citizen-1", ParticipantRole.Subject, subject.PublicKey.ToUncompressed())))).Accepted);
        var grant = await ledger.RelayAsync(ledger.SignAs(subject, new GrantConsent("c-1", "bureau-1", "loan", ["tax"], DataClassification.Important, Now - 60, Now + 86_400)));
        Assert.True(grant.Accepted, grant.Reason);
    }
}
