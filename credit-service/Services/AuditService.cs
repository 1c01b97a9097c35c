using GovChain.CreditService.Hosting;
using GovChain.CreditService.Observability;
using GovChain.CreditService.Ledger;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using GovChain.Ledger;
using GovChain.Ledger.Application;
using TrailQuery = GovChain.Ledger.Storage.TrailQuery;
using GovChain.Ledger.Transparency;
using Google.Protobuf;
using Grpc.Core;
using StorageIndex = GovChain.Ledger.Storage.TrailIndex;

namespace GovChain.CreditService.Services;

/// <summary>
/// Audit trails as files <c>govchain audit verify</c> checks offline (records, inclusion proofs, quorum-signed head)
/// and the current tree head, a page at a time. Auditors read any trail (by time interval too), subjects their own
/// subject trail, bureaus their own bureau trail; other requests are denied and the denial is recorded.
/// </summary>
public sealed class AuditService(IAuditLedger ledger, DenialRecorder denials) : Protos.Audit.AuditBase
{
    public override async Task<TrailReply> Trail(TrailRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        var index = request.Index switch
        {
            TrailIndex.Subject => StorageIndex.Subject,
            TrailIndex.Bureau => StorageIndex.Bureau,
            TrailIndex.Consent => StorageIndex.Consent,
            TrailIndex.Time => StorageIndex.Time,
            _ => throw RequestFields.Invalid("index", "must be TRAIL_INDEX_SUBJECT, TRAIL_INDEX_BUREAU, TRAIL_INDEX_CONSENT or TRAIL_INDEX_TIME"),
        };
        var key = index == StorageIndex.Time ? request.Key : RequestFields.Id(request.Key, "key");
        var query = Query(index, key, request.FromLeaf, request.Limit);
        using (ServiceTelemetry.Source.StartActivity("authorize"))
        {
            var allowed = actor.Role switch
            {
                ParticipantRole.Auditor => true,
                ParticipantRole.Subject => index == StorageIndex.Subject && key == actor.Id,
                ParticipantRole.Bureau => index == StorageIndex.Bureau && key == actor.Id,
                _ => false,
            };
            if (!allowed)
            {
                throw await denials.DenyAsync(actor, "Audit/Trail", index == StorageIndex.Subject ? key : string.Empty,
                    $"denied: a {actor.Role} may not read the {index.ToString().ToLowerInvariant()} trail of {key}", context.CancellationToken).ConfigureAwait(false);
            }
        }

        var page = await ledger.TrailAsync(query, context.CancellationToken).ConfigureAwait(false);
        var bundle = page.Bundle;
        var head = bundle.Head.Head;
        return new TrailReply
        {
            Export = ByteString.CopyFrom(AuditExport.Encode(bundle)),
            Records = bundle.Records.Length,
            TreeSize = head.TreeSize,
            RootHash = head.RootHash.ToString(),
            Signatures = bundle.Head.Signatures.Length,
            More = page.NextFromLeaf is not null,
            NextFromLeaf = page.NextFromLeaf ?? 0,
        };
    }

    private static TrailQuery Query(StorageIndex index, string key, long fromLeaf, int limit)
    {
        try
        {
            return new TrailQuery(index, key, fromLeaf, limit == 0 ? TrailQuery.DefaultLimit : limit);
        }
        catch (LedgerFormatException e)
        {
            throw RequestFields.Invalid("trail", e.Message);
        }
    }

    public override async Task<TreeHeadReply> TreeHead(TreeHeadRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var status = await ledger.StatusAsync(context.CancellationToken).ConfigureAwait(false);
        return new TreeHeadReply
        {
            Height = status.Height,
            StateRoot = status.StateRoot.ToString(),
            TreeSize = status.Head.TreeSize,
            RootHash = status.Head.RootHash.ToString(),
            BlockHeight = (long)status.Head.BlockHeight,
        };
    }
}
