namespace GovChain.CreditService.Tests.Domain;

/// <summary>A clock the test moves by hand; the in-memory ledger stamps blocks with it, the services judge consents with it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
