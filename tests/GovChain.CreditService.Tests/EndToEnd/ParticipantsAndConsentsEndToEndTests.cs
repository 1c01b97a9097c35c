using System.Net;
using GovChain.Crypto;
using GovChain.CreditService.Protos;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Grpc.Core;
using Xunit;
using TrailIndex = GovChain.Ledger.Storage.TrailIndex;
using TrailRequest = GovChain.Ledger.Transport.TrailRequest;

namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>Participants and consents over gRPC and REST against real validator and service processes.</summary>
[Collection(ServiceNetwork.Collection)]
public sealed class ParticipantsAndConsentsEndToEndTests(ServiceNetwork network)
{
    [Fact]
    public async Task An_agency_registers_a_bureau_over_grpc_and_the_bureau_reads_itself_over_rest()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        var onLedger = await ServiceNetwork.EventuallyAsync(() => network.Ledger.ParticipantAsync(bureau), p => p is not null);
        Assert.Equal(ParticipantRole.Bureau, onLedger?.Role);

        using var client = network.Connect(bureau, key);
        var (status, body) = await Rest.GetAsync(client.Http, $"/v1/participants/{bureau}");
        Assert.Equal(HttpStatusCode.OK, status);
        var info = Rest.Parse<ParticipantInfo>(body);
        Assert.Equal((bureau, Role.Bureau, 0UL), (info.Id, info.Role, info.NextNonce));
        Assert.Equal(key.PublicKey.ToUncompressed(), info.PublicKey.ToByteArray());
    }

    [Fact]
    public async Task A_subject_registers_itself_over_rest_with_its_wallet_signed_transaction()
    {
        var key = Sm2PrivateKey.Generate();
        var id = "citizen-" + Guid.NewGuid().ToString("N")[..10];
        var transaction = await network.SignAsWalletAsync(key, new RegisterParticipant(id, ParticipantRole.Subject, key.PublicKey.ToUncompressed()));
        using var client = network.Connect(id, key);
        var (status, body) = await Rest.PostAsync(client.Http, "/v1/participants", new RegisterParticipantRequest
        {
            ParticipantId = id,
            Role = Role.Subject,
            PublicKey = ByteString.CopyFrom(key.PublicKey.ToUncompressed()),
            SignedTransaction = ByteString.CopyFrom(transaction),
        });
        Assert.True(status == HttpStatusCode.OK, body);
        Assert.True(Rest.Parse<RegisterParticipantReply>(body).Receipt.Leaf >= 0);
        Assert.Equal(ParticipantRole.Subject, (await ServiceNetwork.EventuallyAsync(() => network.Ledger.ParticipantAsync(id), p => p is not null))?.Role);
        Assert.Equal(id, (await client.Participants.GetAsync(new GetParticipantRequest { Id = id })).Id);
    }

    [Fact]
    public async Task A_subject_may_not_register_others_and_the_denial_is_on_the_ledger()
    {
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        using var client = network.Connect(subject, key);
        var victim = "citizen-" + Guid.NewGuid().ToString("N")[..10];
        var status = await ServiceNetwork.FailureOf(() => client.Participants.RegisterAsync(new RegisterParticipantRequest
        {
            ParticipantId = victim,
            Role = Role.Subject,
            PublicKey = ByteString.CopyFrom(Sm2PrivateKey.Generate().PublicKey.ToUncompressed()),
        }).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, "denied: a Subject may not register participants"), (status.StatusCode, status.Detail));
        Assert.Null(await network.Ledger.ParticipantAsync(victim));
        var trail = (await network.Ledger.TrailAsync(new TrailRequest(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Subject, victim)))).Bundle;
        var denial = Assert.Single(trail.Records.Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordDenial>());
        Assert.Equal((subject, "Participants/Register"), (denial.Requester, denial.Operation));
    }

    [Fact]
    public async Task An_unknown_participant_is_not_found_over_both_transports()
    {
        var (bureau, key) = await network.RegisterAsync(Role.Bureau, "bureau");
        using var client = network.Connect(bureau, key);
        var status = await ServiceNetwork.FailureOf(() => client.Participants.GetAsync(new GetParticipantRequest { Id = "nobody" }).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, "unknown participant nobody"), (status.StatusCode, status.Detail));
        var (http, body) = await Rest.GetAsync(client.Http, "/v1/participants/nobody");
        Assert.Equal(HttpStatusCode.NotFound, http);
        Assert.Contains("unknown participant nobody", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_granted_over_grpc_is_revoked_over_rest()
    {
        var (bureau, bureauKey) = await network.RegisterAsync(Role.Bureau, "bureau");
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..10];
        using var client = network.Connect(subject, key);
        var granted = await client.Consents.GrantAsync(new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, Grant(consentId, bureau))) });
        Assert.Equal((consentId, "ok"), (granted.ConsentId, granted.Receipt.Reason));

        using var bureauClient = network.Connect(bureau, bureauKey);
        var (status, body) = await Rest.GetAsync(bureauClient.Http, $"/v1/consents/{consentId}");
        Assert.Equal(HttpStatusCode.OK, status);
        var active = Rest.Parse<ConsentInfo>(body);
        Assert.Equal(("active", subject, bureau, Classification.Important), (active.State, active.Subject, active.Bureau, active.Classification));
        Assert.Equal(["court", "tax"], active.Categories);

        var revoke = new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, new RevokeConsent(consentId))) };
        var (revokedStatus, revokedBody) = await Rest.PostAsync(client.Http, "/v1/consents/revoke", revoke);
        Assert.True(revokedStatus == HttpStatusCode.OK, revokedBody);
        var info = await client.Consents.GetAsync(new GetConsentRequest { Id = consentId });
        Assert.Equal("revoked", info.State);
        Assert.True(info.HasRevokedAt);
        Assert.Equal(info.RevokedAt, (await ServiceNetwork.EventuallyAsync(() => network.Ledger.ConsentAsync(consentId), c => c?.RevokedAt is not null))?.RevokedAt);
    }

    [Fact]
    public async Task A_consent_signed_by_another_subject_is_denied_recorded_and_not_created()
    {
        var (bureau, _) = await network.RegisterAsync(Role.Bureau, "bureau");
        var (victim, victimKey) = await network.RegisterAsync(Role.Subject, "citizen");
        var (relayer, relayerKey) = await network.RegisterAsync(Role.Subject, "citizen");
        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..10];
        var transaction = await network.SignAsWalletAsync(victimKey, Grant(consentId, bureau));
        using var client = network.Connect(relayer, relayerKey);

        var status = await ServiceNetwork.FailureOf(() => client.Consents.GrantAsync(new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(transaction) }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        Assert.Equal("denied: the consent transaction is signed by another participant than the requester", status.Detail);
        Assert.Null(await network.Ledger.ConsentAsync(consentId));
        var trail = (await network.Ledger.TrailAsync(new TrailRequest(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Subject, victim)))).Bundle;
        var denial = Assert.Single(trail.Records.Select(r => LedgerTransaction.Decode(r.Record).Payload).OfType<RecordDenial>());
        Assert.Equal((relayer, "Consents/Grant"), (denial.Requester, denial.Operation));
    }

    [Fact]
    public async Task A_consent_the_contract_rejects_is_a_failed_precondition_with_its_reason()
    {
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        using var client = network.Connect(subject, key);
        var grpc = await ServiceNetwork.FailureOf(async () => await client.Consents.GrantAsync(new RelayConsentRequest
        {
            SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, Grant("consent-x-" + subject, "nobody"))),
        }));
        Assert.Equal((StatusCode.FailedPrecondition, "nobody is not a registered bureau"), (grpc.StatusCode, grpc.Detail));

        var (status, body) = await Rest.PostAsync(client.Http, "/v1/consents/grant", new RelayConsentRequest
        {
            SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, Grant("consent-y-" + subject, "nobody"))),
        });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("nobody is not a registered bureau", body, StringComparison.Ordinal);
        Assert.Null(await network.Ledger.ConsentAsync("consent-y-" + subject));
    }

    [Fact]
    public async Task A_malformed_transaction_or_wrong_kind_is_an_invalid_argument_naming_the_field()
    {
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        using var client = network.Connect(subject, key);
        var (status, body) = await Rest.PostAsync(client.Http, "/v1/consents/grant", new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(1, 2, 3) });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("signed_transaction", body, StringComparison.Ordinal);

        var revokeAsGrant = await ServiceNetwork.FailureOf(async () => await client.Consents.GrantAsync(new RelayConsentRequest
        {
            SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, new RevokeConsent("whatever"))),
        }));
        Assert.Equal((StatusCode.InvalidArgument, "signed_transaction must carry a GrantConsent transaction"), (revokeAsGrant.StatusCode, revokeAsGrant.Detail));
    }

    [Fact]
    public async Task A_bureau_may_not_read_a_consent_given_to_another_bureau()
    {
        var (bureau, _) = await network.RegisterAsync(Role.Bureau, "bureau");
        var (other, otherKey) = await network.RegisterAsync(Role.Bureau, "bureau");
        var (subject, key) = await network.RegisterAsync(Role.Subject, "citizen");
        var consentId = "consent-" + Guid.NewGuid().ToString("N")[..10];
        using (var client = network.Connect(subject, key))
        {
            await client.Consents.GrantAsync(new RelayConsentRequest { SignedTransaction = ByteString.CopyFrom(await network.SignAsWalletAsync(key, Grant(consentId, bureau))) });
        }

        using var snoop = network.Connect(other, otherKey);
        var status = await ServiceNetwork.FailureOf(() => snoop.Consents.GetAsync(new GetConsentRequest { Id = consentId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, status.StatusCode);
        var trail = (await network.Ledger.TrailAsync(new TrailRequest(new GovChain.Ledger.Storage.TrailQuery(TrailIndex.Bureau, other)))).Bundle;
        Assert.Contains(trail.Records, r => LedgerTransaction.Decode(r.Record).Payload is RecordDenial { Operation: "Consents/Get", Subject: var s } && s == subject);
    }

    private static GrantConsent Grant(string consentId, string bureau)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return new GrantConsent(consentId, bureau, "loan application", ["court", "tax"], DataClassification.Important, now - 60, now + 30 * 86_400);
    }
}
