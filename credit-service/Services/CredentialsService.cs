using GovChain.CreditService.Domain;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Grpc.Core;

namespace GovChain.CreditService.Services;

/// <summary>Credentials from the agency's data: issue (to the holder, sealed to its key), registry status, revocation by the issuer.</summary>
public sealed class CredentialsService(CredentialIssuance issuance) : Credentials.CredentialsBase
{
    public override Task<IssueCredentialReply> Issue(IssueCredentialRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var issued = await issuance.IssueAsync(actor, request.Holder, request.Type, context.CancellationToken).ConfigureAwait(false);
            return new IssueCredentialReply
            {
                CredentialId = issued.CredentialId,
                SealedCredential = ByteString.CopyFrom(issued.SealedCredential),
                StatementJson = issued.StatementJson,
                Height = issued.Height,
                Leaf = issued.Leaf,
            };
        });
    }

    public override Task<CredentialRecordInfo> Status(CredentialStatusRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        _ = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () => ToInfo(await issuance.StatusAsync(request.Id, context.CancellationToken).ConfigureAwait(false)));
    }

    public override Task<RevokeCredentialReply> Revoke(RevokeCredentialRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var receipt = await issuance.RevokeAsync(actor, request.Id, context.CancellationToken).ConfigureAwait(false);
            return new RevokeCredentialReply { Id = request.Id, Height = receipt.Height, Leaf = receipt.Leaf };
        });
    }

    /// <summary>The registry entry as the proto shows it (shared with the Licences service).</summary>
    internal static CredentialRecordInfo ToInfo(CredentialRecord record)
    {
        var info = new CredentialRecordInfo
        {
            Id = record.Id,
            Kind = record.Kind == CredentialKind.Licence ? "licence" : "credential",
            Issuer = record.Issuer,
            Holder = record.Holder,
            Type = record.Type,
            ContentHash = record.ContentHash.ToString(),
            IssuedAt = record.IssuedAt,
            Status = record.RevokedAt is null ? "active" : "revoked",
        };
        if (record.RevokedAt is { } revoked)
        {
            info.RevokedAt = revoked;
        }

        return info;
    }
}
