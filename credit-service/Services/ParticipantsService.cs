using GovChain.CreditService.Hosting;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Grpc.Core;
using LedgerReceipt = GovChain.CreditService.Ledger.LedgerReceipt;

namespace GovChain.CreditService.Services;

/// <summary>
/// Registry of participants. An agency registers bureaus, auditors and subjects with the node's own ledger key; a
/// subject not yet on the ledger registers itself by relaying its wallet-signed RegisterParticipant transaction.
/// Anyone else asking to register is denied, and the denial is recorded.
/// </summary>
public sealed class ParticipantsService(IAuditLedger ledger, DenialRecorder denials) : Participants.ParticipantsBase
{
    private const string RegisterOperation = "Participants/Register";

    public override async Task<RegisterParticipantReply> Register(RegisterParticipantRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        var cancel = context.CancellationToken;
        LedgerReceipt receipt;
        using (var authorize = ServiceTelemetry.Source.StartActivity("authorize"))
        {
            authorize?.SetTag("govchain.operation", RegisterOperation);
            if (!actor.IsRegistered)
            {
                receipt = await ledger.RelayAsync(SelfRegistration(request, actor), cancel).ConfigureAwait(false);
            }
            else if (actor.Role == ParticipantRole.Agency)
            {
                var id = RequestFields.Id(request.ParticipantId, "participant_id");
                var key = RequestFields.PublicKey(request.PublicKey, "public_key");
                var role = request.Role switch
                {
                    Role.Bureau => ParticipantRole.Bureau,
                    Role.Subject => ParticipantRole.Subject,
                    Role.Auditor => ParticipantRole.Auditor,
                    _ => throw RequestFields.Invalid("role", "must be ROLE_BUREAU, ROLE_SUBJECT or ROLE_AUDITOR (agencies join at genesis)"),
                };
                receipt = await ledger.SubmitAsync(new RegisterParticipant(id, role, key), cancel).ConfigureAwait(false);
            }
            else
            {
                var subject = request.Role == Role.Subject ? request.ParticipantId : string.Empty;
                throw await denials.DenyAsync(actor, RegisterOperation, subject, $"denied: a {actor.Role} may not register participants", cancel).ConfigureAwait(false);
            }
        }

        if (!receipt.Accepted)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, receipt.Reason));
        }

        return new RegisterParticipantReply { ParticipantId = request.ParticipantId, Receipt = receipt.ToMessage() };
    }

    public override async Task<ParticipantInfo> Get(GetParticipantRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var id = RequestFields.Id(request.Id, "id");
        var participant = await ledger.ParticipantAsync(id, context.CancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"unknown participant {id}"));
        return new ParticipantInfo
        {
            Id = participant.Id,
            Role = (Role)(int)participant.Role,
            PublicKey = ByteString.CopyFrom(Convert.FromHexString(participant.PublicKeyHex)),
            NextNonce = participant.NextNonce,
        };
    }

    /// <summary>The subject's own transaction, which must register exactly the requesting subject with the key that signed the request.</summary>
    private static byte[] SelfRegistration(RegisterParticipantRequest request, VerifiedActor actor)
    {
        var transaction = RequestFields.Transaction(request.SignedTransaction, "signed_transaction");
        var matches = transaction.Payload is RegisterParticipant { Role: ParticipantRole.Subject } p
            && p.ParticipantId == actor.Id
            && p.PublicKey.AsSpan().SequenceEqual(actor.PublicKey)
            && transaction.Actor.AsSpan().SequenceEqual(actor.PublicKey);
        return matches
            ? request.SignedTransaction.ToByteArray()
            : throw RequestFields.Invalid("signed_transaction", "must register the requesting subject with the key that signed the request");
    }
}
