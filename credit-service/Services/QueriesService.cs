using System.Buffers.Binary;
using GovChain.CreditService.Domain;
using GovChain.CreditService.Hosting;
using GovChain.CreditService.Protos;
using GovChain.CreditService.Security;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Grpc.Core;

namespace GovChain.CreditService.Services;

/// <summary>Encrypted scoring over gRPC and REST: key upload, the query itself, and the published models.</summary>
public sealed class QueriesService(QueryProcessor processor, SealKeyRegistry keys, ModelRegistry models, ServiceOptions options) : Queries.QueriesBase
{
    public override Task<RegisterKeysReply> RegisterKeys(RegisterKeysRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        _ = context.VerifiedActor();
        var set = keys.Register(request.Parameters.Span, request.PublicKey.Span, request.GaloisKeys.Span);
        return Task.FromResult(new RegisterKeysReply { KeyId = set.KeyId.ToString() });
    }

    public override Task<RunQueryReply> Run(RunQueryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        return FeatureFaults.MapAsync(async () =>
        {
            var answer = await processor.RunAsync(actor, new QueryRequest(request.QueryId, request.ConsentId, request.Subject, request.ModelId,
                request.KeyId, request.EncryptedWeights.ToByteArray()), context.CancellationToken).ConfigureAwait(false);
            return new RunQueryReply
            {
                QueryId = answer.QueryId,
                EncryptedScore = ByteString.CopyFrom(answer.EncryptedScore),
                Height = answer.Height,
                Leaf = answer.Leaf,
            };
        });
    }

    /// <summary>The benchmark's baseline: the same path as <see cref="Run"/> with plaintext scoring, only where the config enables it.</summary>
    public override Task<RunPlaintextQueryReply> RunPlaintext(RunPlaintextQueryRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.VerifiedActor();
        if (!options.PlaintextBaseline)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, "plaintext scoring is a benchmark baseline that this node does not enable (plaintext_baseline)"));
        }

        return FeatureFaults.MapAsync(async () =>
        {
            var answer = await processor.RunPlaintextAsync(actor, new QueryRequest(request.QueryId, request.ConsentId, request.Subject, request.ModelId, string.Empty, []),
                request.Weights, context.CancellationToken).ConfigureAwait(false);
            return new RunPlaintextQueryReply
            {
                QueryId = answer.QueryId,
                Score = BinaryPrimitives.ReadUInt64BigEndian(answer.EncryptedScore),
                Height = answer.Height,
                Leaf = answer.Leaf,
            };
        });
    }

    public override Task<ListModelsReply> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        var reply = new ListModelsReply();
        foreach (var model in models.All)
        {
            var info = new ModelInfo { ModelId = model.Id, Classification = ToProto(model.HighestClassification), ModelHash = model.ModelHash.ToString() };
            info.Features.AddRange(model.Features.Select(f => f.Name));
            info.Categories.AddRange(model.Categories);
            reply.Models.Add(info);
        }

        return Task.FromResult(reply);
    }

    /// <summary>By name: the proto enum and the ledger enum number their members differently.</summary>
    private static Classification ToProto(DataClassification classification) => classification switch
    {
        DataClassification.Core => Classification.Core,
        DataClassification.Important => Classification.Important,
        _ => Classification.General,
    };
}
