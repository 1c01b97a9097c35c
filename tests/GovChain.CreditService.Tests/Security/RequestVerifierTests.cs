using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GovChain.Crypto;
using GovChain.CreditService.Client;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using Xunit;

namespace GovChain.CreditService.Tests.Security;

/// <summary>
/// The request-signature check against independently built requests: every signed field matters, the clock window
/// and the replay cache hold, and refusals carry the documented reasons.
/// </summary>
public sealed class RequestVerifierTests
{
    private static readonly Sm2PrivateKey BureauKey = Sm2PrivateKey.Generate();
    private static readonly Sm2PrivateKey OtherKey = Sm2PrivateKey.Generate();
    private static readonly InMemoryAuditLedger Ledger = CreateLedger();

    private readonly ManualClock clock = new();
    private readonly RequestVerifier verifier;

    public RequestVerifierTests()
    {
        verifier = new RequestVerifier(new ActorDirectory(Ledger), new NonceCache(RequestVerifier.DefaultSkew), clock, RequestVerifier.DefaultSkew);
    }

    public static TheoryData<string> SignedFields => ["method", "path", "query", "body", "timestamp", "nonce", "actor", "signature"];

    [Fact]
    public async Task A_signed_request_yields_the_actor_its_role_and_the_request_hash()
    {
        var (parts, body) = Signed(BureauKey, "bureau-1", "POST", "/govchain.v1.Queries/Run", "hello"u8.ToArray());
        var actor = await verifier.VerifyAsync(parts, body, NoSelfRegistration, default);
        Assert.Equal(("bureau-1", ParticipantRole.Bureau), (actor.Id, actor.Role));
        Assert.Equal(BureauKey.PublicKey.ToUncompressed(), actor.PublicKey);
        var expected = RequestSigningPayload.Build("POST", "/govchain.v1.Queries/Run", body, long.Parse(parts.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), parts.Nonce!);
        Assert.Equal(GovChain.Ledger.Codec.Hash32.Compute(expected), actor.RequestHash);
    }

    [Theory]
    [MemberData(nameof(SignedFields))]
    public async Task Altering_any_signed_field_after_signing_is_a_bad_signature(string field)
    {
        var (parts, body) = Signed(BureauKey, "bureau-1", "POST", "/v1/queries?x=1", "{\"a\":1}"u8.ToArray());
        var timestamp = long.Parse(parts.Timestamp!, System.Globalization.CultureInfo.InvariantCulture);
        var altered = field switch
        {
            "method" => parts with { Method = "PUT" },
            "path" => parts with { PathAndQuery = "/v1/querie?x=1" },
            "query" => parts with { PathAndQuery = "/v1/queries?x=2" },
            "timestamp" => parts with { Timestamp = (timestamp + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) },
            "nonce" => parts with { Nonce = RequestSigningPayload.NewNonce() },
            "actor" => parts with { Actor = "bureau-2" },
            "signature" => parts with { Signature = FlipHex(parts.Signature!, 7) },
            _ => parts,
        };
        var alteredBody = field == "body" ? "{\"a\":2}"u8.ToArray() : body;
        var refusal = await Assert.ThrowsAsync<RequestAuthenticationException>(() => verifier.VerifyAsync(altered, alteredBody, NoSelfRegistration, default));
        Assert.Equal(("bad signature", RequestRefusal.Unauthenticated), (refusal.Message, refusal.Refusal));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public async Task A_timestamp_outside_the_window_is_stale(int seconds)
    {
        var signer = new RequestSigner("bureau-1", BureauKey, new ManualClock(clock.GetUtcNow().AddSeconds(seconds)));
        var parts = Parts(signer, "GET", "/v1/models", []);
        var refusal = await Assert.ThrowsAsync<RequestAuthenticationException>(() => verifier.VerifyAsync(parts, Array.Empty<byte>(), NoSelfRegistration, default));
        Assert.Equal("stale timestamp", refusal.Message);
    }

    [Fact]
    public async Task A_timestamp_inside_the_window_passes()
    {
        var signer = new RequestSigner("bureau-1", BureauKey, new ManualClock(clock.GetUtcNow().AddSeconds(-299)));
        await verifier.VerifyAsync(Parts(signer, "GET", "/v1/models", []), Array.Empty<byte>(), NoSelfRegistration, default);
    }

    [Fact]
    public async Task A_replayed_nonce_is_refused_but_other_actors_may_use_the_same_nonce()
    {
        var (parts, body) = Signed(BureauKey, "bureau-1", "GET", "/v1/models", []);
        await verifier.VerifyAsync(parts, body, NoSelfRegistration, default);
        var replay = await Assert.ThrowsAsync<RequestAuthenticationException>(() => verifier.VerifyAsync(parts, body, NoSelfRegistration, default));
        Assert.Equal("replayed nonce", replay.Message);

        var other = new RequestSigner("bureau-2", OtherKey, clock).Sign("GET", "/v1/models", [], nonce: parts.Nonce);
        await verifier.VerifyAsync(ToParts("GET", "/v1/models", other), Array.Empty<byte>(), NoSelfRegistration, default);
    }

    [Fact]
    public async Task A_forged_request_does_not_burn_the_nonce_of_the_real_actor()
    {
        var (parts, body) = Signed(BureauKey, "bureau-1", "GET", "/v1/models", []);
        await Assert.ThrowsAsync<RequestAuthenticationException>(() => verifier.VerifyAsync(parts with { Signature = FlipHex(parts.Signature!, 3) }, body, NoSelfRegistration, default));
        await verifier.VerifyAsync(parts, body, NoSelfRegistration, default);
    }

    [Fact]
    public async Task An_unknown_actor_is_refused_unless_it_registers_itself_with_the_key_in_its_body()
    {
        var newcomer = Sm2PrivateKey.Generate();
        var (parts, body) = Signed(newcomer, "citizen-new", "POST", "/v1/participants", "{}"u8.ToArray());
        var refusal = await Assert.ThrowsAsync<RequestAuthenticationException>(() => verifier.VerifyAsync(parts, body, NoSelfRegistration, default));
        Assert.Equal("unknown actor", refusal.Message);

        var actor = await verifier.VerifyAsync(parts, body, () => newcomer.PublicKey.ToUncompressed(), default);
        Assert.False(actor.IsRegistered);
        Assert.Equal("citizen-new", actor.Id);
    }

    [Fact]
    public async Task A_self_registration_key_that_did_not_sign_is_a_bad_signature()
    {
        var (parts, body) = Signed(Sm2PrivateKey.Generate(), "citizen-new", "POST", "/v1/participants", "{}"u8.ToArray());
        var refusal = await Assert.ThrowsAsync<RequestAuthenticationException>(() =>
            verifier.VerifyAsync(parts, body, () => Sm2PrivateKey.Generate().PublicKey.ToUncompressed(), default));
        Assert.Equal("bad signature", refusal.Message);
    }

    [Theory]
    [InlineData("actor", "missing x-gc-actor header")]
    [InlineData("timestamp", "malformed x-gc-timestamp header")]
    [InlineData("nonce", "malformed x-gc-nonce header")]
    [InlineData("signature", "malformed x-gc-signature header")]
    public async Task Missing_or_malformed_headers_are_named(string header, string reason)
    {
        var (parts, body) = Signed(BureauKey, "bureau-1", "GET", "/v1/models", []);
        var broken = header switch
        {
            "actor" => parts with { Actor = null },
            "timestamp" => parts with { Timestamp = "12e3" },
            "nonce" => parts with { Nonce = parts.Nonce![..30] },
            _ => parts with { Signature = parts.Signature![..126] + "zz" },
        };
        var refusal = await Assert.ThrowsAsync<RequestAuthenticationException>(() => verifier.VerifyAsync(broken, body, NoSelfRegistration, default));
        Assert.Equal(reason, refusal.Message);
    }

    [Property(MaxTest = 40)]
    public Property Any_body_verifies_and_any_changed_body_byte_does_not(byte[] body, PositiveInt position, byte delta)
    {
        var payloadPath = "/v1/consents/grant";
        var ok = Verifies(body, body, payloadPath);
        if (body.Length == 0 || delta == 0)
        {
            return ok.ToProperty();
        }

        var altered = (byte[])body.Clone();
        altered[position.Get % body.Length] ^= delta;
        return (ok && !Verifies(body, altered, payloadPath)).ToProperty();
    }

    private bool Verifies(byte[] signedBody, byte[] sentBody, string path)
    {
        var (parts, _) = Signed(BureauKey, "bureau-1", "POST", path, signedBody);
        try
        {
            verifier.VerifyAsync(parts, sentBody, NoSelfRegistration, default).GetAwaiter().GetResult();
            return true;
        }
        catch (RequestAuthenticationException e) when (e.Message == "bad signature")
        {
            return false;
        }
    }

    private static byte[]? NoSelfRegistration() => null;

    private (SignedRequestParts Parts, byte[] Body) Signed(Sm2PrivateKey key, string actor, string method, string path, byte[] body) =>
        (Parts(new RequestSigner(actor, key, clock), method, path, body), body);

    private static SignedRequestParts Parts(RequestSigner signer, string method, string path, byte[] body) => ToParts(method, path, signer.Sign(method, path, body));

    private static SignedRequestParts ToParts(string method, string path, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        string Header(string name) => headers.Single(h => h.Key == name).Value;
        return new SignedRequestParts(method, path, Header(RequestHeaders.Actor), Header(RequestHeaders.Timestamp), Header(RequestHeaders.Nonce), Header(RequestHeaders.Signature));
    }

    private static string FlipHex(string hex, int index)
    {
        var bytes = Convert.FromHexString(hex);
        bytes[index] ^= 0x01;
        return Convert.ToHexStringLower(bytes);
    }

    private static InMemoryAuditLedger CreateLedger()
    {
        var ledger = new InMemoryAuditLedger("agency-0", Sm2PrivateKey.Generate());
        foreach (var (id, key) in new[] { ("bureau-1", BureauKey), ("bureau-2", OtherKey) })
        {
            var receipt = ledger.SubmitAsync(new RegisterParticipant(id, ParticipantRole.Bureau, key.PublicKey.ToUncompressed())).GetAwaiter().GetResult();
            Assert.True(receipt.Accepted, receipt.Reason);
        }

        return ledger;
    }
}
