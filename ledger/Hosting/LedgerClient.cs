using System.Security.Cryptography.X509Certificates;
using GovChain.Ledger.Application;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;
using Grpc.Core;
using Grpc.Net.Client;

namespace GovChain.Ledger.Hosting;

/// <summary>A client of one validator's API over mutual TLS, with the network's client certificate.</summary>
public sealed class LedgerClient : IDisposable
{
    private readonly GrpcChannel channel;
    private readonly CallInvoker invoker;
    private readonly X509Certificate2 certificate;
    private readonly X509Certificate2 authority;

    private LedgerClient(GrpcChannel channel, X509Certificate2 certificate, X509Certificate2 authority)
    {
        this.channel = channel;
        this.certificate = certificate;
        this.authority = authority;
        invoker = channel.CreateCallInvoker();
    }

    /// <summary>Connects to validator <paramref name="index"/> of the network written by <see cref="NetworkLayout.Create"/> under <paramref name="root"/>.</summary>
    public static LedgerClient ForNetwork(string root, int index)
    {
        var config = NodeConfig.Load(NetworkLayout.ConfigPath(root, index));
        var authority = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(root, "ca.crt.pem")));
        var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(root, "client.crt.pem")), File.ReadAllText(Path.Combine(root, "client.key.pem")));
        var channel = ValidatorHost.Connect(config.Endpoint(index), certificate, new PeerCertificates(authority), index);
        return new LedgerClient(channel, certificate, authority);
    }

    public async Task<SubmitReply> SubmitAsync(byte[] transaction, CancellationToken cancel = default) =>
        SubmitReply.Decode(await invoker.AsyncUnaryCall(LedgerGrpc.Submit, null, new CallOptions(cancellationToken: cancel), transaction).ConfigureAwait(false));

    /// <summary>Opens a stream for many submissions (<see cref="LedgerGrpc.SubmitStream"/>); dispose it to close.</summary>
    public LedgerSubmitStream OpenSubmitStream() =>
        new(invoker.AsyncDuplexStreamingCall(LedgerGrpc.SubmitStream, null, new CallOptions()));

    public async Task<NodeStatus> StatusAsync(CancellationToken cancel = default) =>
        NodeStatus.Decode(await invoker.AsyncUnaryCall(LedgerGrpc.Status, null, new CallOptions(cancellationToken: cancel), []).ConfigureAwait(false));

    /// <summary>One page of a trail: follow <see cref="TrailPage.NextFromLeaf"/> for the rest.</summary>
    public async Task<TrailPage> TrailAsync(TrailRequest request, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await invoker.AsyncUnaryCall(LedgerGrpc.Trail, null, new CallOptions(cancellationToken: cancel), request.Encode()).ConfigureAwait(false)).PageOrThrow();
    }

    public Task<Participant?> ParticipantAsync(string id, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.Participant, id, StateRecordCodec.ReadParticipant, cancel);

    public Task<Participant?> ParticipantByKeyAsync(byte[] publicKey, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.ParticipantByKey, Convert.ToHexStringLower(publicKey), StateRecordCodec.ReadParticipant, cancel);

    public Task<ConsentRecord?> ConsentAsync(string id, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.Consent, id, StateRecordCodec.ReadConsent, cancel);

    public Task<CredentialRecord?> CredentialAsync(string id, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.Credential, id, StateRecordCodec.ReadCredential, cancel);

    public Task<QueryRecord?> QueryAsync(string id, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.Query, id, StateRecordCodec.ReadQuery, cancel);

    public Task<VerificationRecord?> VerificationAsync(string id, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.Verification, id, StateRecordCodec.ReadVerification, cancel);

    public Task<DenialRecord?> DenialAsync(string id, CancellationToken cancel = default) =>
        LookupAsync(LookupKind.Denial, id, StateRecordCodec.ReadDenial, cancel);

    private async Task<T?> LookupAsync<T>(LookupKind kind, string key, StateReader<T> read, CancellationToken cancel)
        where T : class
    {
        var reply = await invoker.AsyncUnaryCall(LedgerGrpc.Lookup, null, new CallOptions(cancellationToken: cancel), new LookupRequest(kind, key).Encode()).ConfigureAwait(false);
        return LookupRequest.DecodeReply(reply, read);
    }

    public void Dispose()
    {
        channel.Dispose();
        certificate.Dispose();
        authority.Dispose();
    }
}
