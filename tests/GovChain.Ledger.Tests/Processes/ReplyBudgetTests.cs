using GovChain.Ledger.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Xunit;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>The bound on trail replies a validator holds for its clients: reservations in order, and replies held until their call ends.</summary>
public sealed class ReplyBudgetTests
{
    [Fact]
    public async Task Reservations_are_granted_at_once_when_free_and_otherwise_in_order()
    {
        var budget = new ReplyBudget(100);
        await budget.ReserveAsync(60, CancellationToken.None);
        var large = budget.ReserveAsync(50, CancellationToken.None);
        var small = budget.ReserveAsync(10, CancellationToken.None);
        Assert.False(large.IsCompleted);
        Assert.False(small.IsCompleted); // 40 bytes are free, but it may not pass the request ahead of it

        budget.Release(60);
        await large.WaitAsync(TimeSpan.FromSeconds(5));
        await small.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(40, budget.Available);
    }

    [Fact]
    public async Task A_cancelled_request_leaves_the_line_and_lets_the_one_behind_it_go()
    {
        var budget = new ReplyBudget(100);
        await budget.ReserveAsync(90, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var large = budget.ReserveAsync(50, cancel.Token);
        var small = budget.ReserveAsync(10, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => large);
        await small.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, budget.Available);
    }

    [Fact]
    public async Task A_reply_larger_than_its_reservation_overdraws_until_it_is_returned()
    {
        var budget = new ReplyBudget(100);
        await budget.ReserveAsync(100, CancellationToken.None);
        budget.Release(100 - 120);
        var next = budget.ReserveAsync(100, CancellationToken.None);
        Assert.Equal(-20, budget.Available);
        Assert.False(next.IsCompleted);

        budget.Release(120);
        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, budget.Available);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    public async Task A_reservation_outside_one_to_the_capacity_is_refused(long bytes) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new ReplyBudget(100).ReserveAsync(bytes, CancellationToken.None));

    [Fact]
    public async Task A_reply_is_held_until_its_call_ends()
    {
        var budget = new ReplyBudget(100);
        var call = new FakeCall();
        await budget.ReserveAsync(100, CancellationToken.None);
        budget.Release(100 - 30);
        budget.HoldUntilSent(call.Context, 30, TimeSpan.FromMinutes(1));
        Assert.Equal(70, budget.Available);

        await call.CompleteAsync();
        Assert.Equal(100, budget.Available);
        Assert.False(call.Aborted);
    }

    [Fact]
    public async Task A_reply_nobody_reads_has_its_call_aborted_at_the_limit()
    {
        var budget = new ReplyBudget(100);
        var call = new FakeCall();
        await budget.ReserveAsync(30, CancellationToken.None);
        budget.HoldUntilSent(call.Context, 30, TimeSpan.FromMilliseconds(50));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!call.Aborted && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(10);
        }

        Assert.True(call.Aborted);
        Assert.Equal(70, budget.Available); // still held: the transport ends an aborted call, and then it is returned
        await call.CompleteAsync();
        Assert.Equal(100, budget.Available);
    }

    /// <summary>An HTTP context whose completion callbacks run when the test says, and which records an abort.</summary>
    private sealed class FakeCall : HttpResponseFeature, IHttpRequestLifetimeFeature
    {
        private readonly List<(Func<object, Task> Callback, object State)> completed = [];

        public FakeCall()
        {
            Context = new DefaultHttpContext();
            Context.Features.Set<IHttpResponseFeature>(this);
            Context.Features.Set<IHttpRequestLifetimeFeature>(this);
        }

        public DefaultHttpContext Context { get; }

        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;

        public override void OnCompleted(Func<object, Task> callback, object state) => completed.Add((callback, state));

        public async Task CompleteAsync()
        {
            foreach (var (callback, state) in completed)
            {
                await callback(state);
            }
        }
    }
}
