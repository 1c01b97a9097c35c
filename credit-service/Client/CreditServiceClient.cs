using GovChain.Crypto;
using GovChain.CreditService.Protos;
using Grpc.Net.Client;

namespace GovChain.CreditService.Client;

/// <summary>
/// A signed connection to one credit-service node as one actor: typed gRPC clients over the node's HTTP/2 endpoint
/// and an <see cref="HttpClient"/> for its REST endpoint, every request SM2-signed by <see cref="SigningHandler"/>.
/// </summary>
public sealed class CreditServiceClient : IDisposable
{
    /// <summary>Matches the service's largest accepted body (SEAL Galois keys).</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    private readonly GrpcChannel channel;

    private CreditServiceClient(GrpcChannel channel, HttpClient http, RequestSigner signer)
    {
        this.channel = channel;
        Http = http;
        Signer = signer;
        var invoker = channel.CreateCallInvoker();
        Participants = new Participants.ParticipantsClient(invoker);
        Consents = new Consents.ConsentsClient(invoker);
        Queries = new Queries.QueriesClient(invoker);
        Credentials = new Credentials.CredentialsClient(invoker);
        Proofs = new Proofs.ProofsClient(invoker);
        Licences = new Licences.LicencesClient(invoker);
        Audit = new Audit.AuditClient(invoker);
    }

    public RequestSigner Signer { get; }

    public Participants.ParticipantsClient Participants { get; }

    public Consents.ConsentsClient Consents { get; }

    public Queries.QueriesClient Queries { get; }

    public Credentials.CredentialsClient Credentials { get; }

    public Proofs.ProofsClient Proofs { get; }

    public Licences.LicencesClient Licences { get; }

    public Audit.AuditClient Audit { get; }

    /// <summary>REST client whose base address is the node's HTTP/1.1 endpoint.</summary>
    public HttpClient Http { get; }

    /// <param name="innerHandler">Optional transport under the signing handler (tests use it to alter signed requests).</param>
    public static CreditServiceClient Connect(Uri grpc, Uri rest, string actorId, Sm2PrivateKey key, TimeProvider? clock = null, Func<HttpMessageHandler>? innerHandler = null)
    {
        var signer = new RequestSigner(actorId, key, clock);
        HttpMessageHandler Transport() => innerHandler?.Invoke() ?? new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        var channel = GrpcChannel.ForAddress(grpc, new GrpcChannelOptions
        {
            HttpHandler = new SigningHandler(signer) { InnerHandler = Transport() },
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
            DisposeHttpClient = true,
        });
        var http = new HttpClient(new SigningHandler(signer) { InnerHandler = Transport() }) { BaseAddress = rest, Timeout = TimeSpan.FromSeconds(100) };
        return new CreditServiceClient(channel, http, signer);
    }

    public void Dispose()
    {
        channel.Dispose();
        Http.Dispose();
    }
}
