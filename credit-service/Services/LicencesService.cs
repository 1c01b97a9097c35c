using GovChain.CreditService.Domain;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using Google.Protobuf;
using Grpc.Core;

namespace GovChain.CreditService.Services;

/// <summary>E-licences: issue (agency), fetch (holder only), verify a disclosure token (recorded), revoke (issuer).</summary>
public sealed class LicencesService(LicenceIssuance licences) : Licences.LicencesBase
{
    public override Task<IssueLicenceReply> Issue(IssueLicenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        var application = new LicenceApplication(request.Holder, request.Type, request.Number, request.HolderName,
            request.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), request.ValidDays);
        return FeatureFaults.MapAsync(async () =>
        {
            var issued = await licences.IssueAsync(actor, application, context.CancellationToken).ConfigureAwait(false);
            return new IssueLicenceReply { LicenceId = issued.LicenceId, EnvelopeJson = issued.EnvelopeJson, Height = issued.Height, Leaf = issued.Leaf };
        });
    }

    public override Task<FetchLicenceReply> Fetch(FetchLicenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var fetched = await licences.FetchAsync(actor, request.Id, context.CancellationToken).ConfigureAwait(false);
            return new FetchLicenceReply { EnvelopeJson = fetched.EnvelopeJson, Blob = ByteString.CopyFrom(fetched.Blob) };
        });
    }

    public override Task<VerifyLicenceReply> Verify(VerifyLicenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var (outcome, record) = await licences.VerifyAsync(actor, request.Token, request.VerificationId, context.CancellationToken).ConfigureAwait(false);
            var reply = new VerifyLicenceReply
            {
                Valid = outcome.Valid,
                Reason = outcome.Reason,
                Status = outcome.Status,
                VerificationId = outcome.VerificationId,
                Height = outcome.Height,
                Leaf = outcome.Leaf,
            };
            if (record is not null)
            {
                reply.Record = CredentialsService.ToInfo(record);
            }

            return reply;
        });
    }

    public override Task<RevokeLicenceReply> Revoke(RevokeLicenceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var receipt = await licences.RevokeAsync(actor, request.Id, context.CancellationToken).ConfigureAwait(false);
            return new RevokeLicenceReply { Id = request.Id, Height = receipt.Height, Leaf = receipt.Leaf };
        });
    }
}
