using Grpc.Core;

namespace GovChain.Ledger.Transport;

/// <summary>
/// The gRPC methods, carrying the ledger's own canonical bytes (no protobuf layer: the payloads are already a strict,
/// length-checked encoding). <c>govchain.ledger.v1.Validator/Deliver</c> is a client stream of consensus messages
/// from one validator to another; <c>govchain.ledger.v1.Client/*</c> is the client API (see <see cref="ClientApi"/>).
/// </summary>
public static class LedgerGrpc
{
    /// <summary>Largest gRPC message either side accepts; a block response of 64 full blocks stays well under it.</summary>
    public const int MaxMessageBytes = 16 * 1024 * 1024;

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    public static readonly Method<byte[], byte[]> Deliver = new(MethodType.ClientStreaming, "govchain.ledger.v1.Validator", "Deliver", Bytes, Bytes);

    public static readonly Method<byte[], byte[]> Submit = new(MethodType.Unary, "govchain.ledger.v1.Client", "Submit", Bytes, Bytes);

    /// <summary>Many submissions on one stream: each request message is a signed transaction, each reply a <see cref="StreamedSubmitReply"/>.</summary>
    public static readonly Method<byte[], byte[]> SubmitStream = new(MethodType.DuplexStreaming, "govchain.ledger.v1.Client", "SubmitStream", Bytes, Bytes);

    public static readonly Method<byte[], byte[]> Status = new(MethodType.Unary, "govchain.ledger.v1.Client", "Status", Bytes, Bytes);

    /// <summary>A trail page, as a client reads it (<see cref="TrailPageReply"/>).</summary>
    public static readonly Method<byte[], TrailPageReply> Trail = new(MethodType.Unary, "govchain.ledger.v1.Client", "Trail", Bytes, TrailPageReply.Marshaller);

    /// <summary><see cref="Trail"/> as the server sends it: the page encoded into a pooled buffer, not an array.</summary>
    public static readonly Method<byte[], EncodedReply> TrailServed = new(MethodType.Unary, "govchain.ledger.v1.Client", "Trail", Bytes, EncodedReply.Marshaller);

    public static readonly Method<byte[], byte[]> Lookup = new(MethodType.Unary, "govchain.ledger.v1.Client", "Lookup", Bytes, Bytes);
}
