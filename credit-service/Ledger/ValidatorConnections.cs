using GovChain.Ledger.Codec;
using GovChain.Ledger.Hosting;
using Grpc.Core;
using Polly;
using Polly.Retry;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// Clients of every validator of a local network (mutual TLS), the node's own validator being the primary. Calls are
/// retried with backoff while a validator is unavailable; what still fails becomes a <see cref="LedgerUnavailableException"/>.
/// </summary>
internal sealed class ValidatorConnections : IDisposable
{
    /// <summary>Longer than a validator's own commit wait (20 s), so a slow commit comes back as Pending rather than a timeout.</summary>
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly LedgerClient?[] clients;
    private readonly string networkDirectory;
    private readonly Lock gate = new();
    private readonly ResiliencePipeline retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(150),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public ValidatorConnections(string networkDirectory, int primary)
    {
        this.networkDirectory = networkDirectory;
        var config = NodeConfig.Load(NetworkLayout.ConfigPath(networkDirectory, primary));
        ChainId = config.Genesis().ChainId;
        Validators = config.Genesis().Validators;
        Primary = primary;
        clients = new LedgerClient?[Validators.Count];
    }

    public Hash32 ChainId { get; }

    public GovChain.Ledger.Consensus.ValidatorSet Validators { get; }

    public int Primary { get; }

    /// <summary>Calls the primary validator.</summary>
    public Task<T> CallAsync<T>(Func<LedgerClient, CancellationToken, Task<T>> call, CancellationToken cancel) => CallAsync(Primary, call, cancel);

    public async Task<T> CallAsync<T>(int validator, Func<LedgerClient, CancellationToken, Task<T>> call, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await retry.ExecuteAsync(
                async token =>
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
                    timeout.CancelAfter(CallTimeout);
                    return await call(Client(validator), timeout.Token).ConfigureAwait(false);
                },
                cancel).ConfigureAwait(false);
        }
        catch (RpcException e) when (!cancel.IsCancellationRequested)
        {
            throw new LedgerUnavailableException($"ledger validator {validator} is unavailable: {e.Status.Detail}", e);
        }
        catch (IOException e)
        {
            throw new LedgerUnavailableException($"ledger validator {validator} is unreachable: {e.Message}", e);
        }
    }

    /// <summary>A client of every validator, in validator order.</summary>
    public IReadOnlyList<LedgerClient> All() => [.. Enumerable.Range(0, clients.Length).Select(Client)];

    public void Dispose()
    {
        foreach (var client in clients)
        {
            client?.Dispose();
        }
    }

    private LedgerClient Client(int validator)
    {
        lock (gate)
        {
            return clients[validator] ??= LedgerClient.ForNetwork(networkDirectory, validator);
        }
    }
}
