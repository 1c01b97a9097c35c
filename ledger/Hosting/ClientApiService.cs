using Grpc.Core;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Server side of the client API: submit a signed transaction and wait for its commit, read the node's status, and
/// fetch a trail with proofs under this node's signed tree head. Callers need a CA-issued certificate (mTLS).
/// </summary>
public sealed class ClientApiService(NodeLoop loop, NodeConfig config) : ClientApiBase
{
    public static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(20);

    public override async Task<byte[]> Submit(byte[] request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (request.Length is 0 or > Block.MaxTransactionBytes)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, $"a transaction is 1..{Block.MaxTransactionBytes} bytes"));
        }

        return (await loop.SubmitAsync(request, CommitWait, context.CancellationToken).ConfigureAwait(false)).Encode();
    }

    public override async Task<byte[]> Status(byte[] request, ServerCallContext context) =>
        (await loop.QueryAsync((node, _) => new NodeStatus(node.Ledger.Height, node.Ledger.Machine.State.ComputeRoot(), node.Ledger.Head)).ConfigureAwait(false)).Encode();

    public override Task<byte[]> Trail(byte[] request, ServerCallContext context)
    {
        TrailRequest query;
        try
        {
            query = TrailRequest.Decode(request);
        }
        catch (LedgerFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        // Served beside the node loop, not on it: trails never queue behind consensus. The head is taken first and
        // everything is proven against it: the quorum-signed head if asked for and there is one, else this node's
        // latest head under its own signature.
        var signed = query.Certified && loop.Ledger.QuorumHead is { } quorum ? quorum : null;
        var head = signed?.Head ?? loop.Ledger.Head;
        var records = loop.Ledger.Trail(query.Index, query.Key, head, AuditBundle.MaxRecords).Select(t => new AuditedRecord(t.Record, t.Proof));
        return Task.FromResult(new AuditBundle(signed ?? loop.SignHead(head, (ushort)config.Index), [.. records], null, null).Encode());
    }

    public override async Task<byte[]> Lookup(byte[] request, ServerCallContext context)
    {
        LookupRequest query;
        try
        {
            query = LookupRequest.Decode(request);
        }
        catch (LedgerFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }

        try
        {
            return await loop.QueryAsync((node, _) => query.Answer(node.Ledger.Machine.State, node.Ledger.Height)).ConfigureAwait(false);
        }
        catch (LedgerFormatException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }
}
