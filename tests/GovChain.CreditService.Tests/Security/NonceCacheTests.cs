using GovChain.CreditService.Security;
using Xunit;

namespace GovChain.CreditService.Tests.Security;

public sealed class NonceCacheTests
{
    private const long Now = 1_800_000_000_000;

    [Fact]
    public void A_nonce_is_remembered_inside_the_window_and_forgotten_after_it()
    {
        var cache = new NonceCache(TimeSpan.FromSeconds(300));
        Assert.True(cache.TryRegister("a", "n1", Now, Now));
        Assert.False(cache.TryRegister("a", "n1", Now, Now + 299_000));
        Assert.True(cache.TryRegister("a", "n2", Now + 301_000, Now + 301_000));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void A_full_cache_refuses_rather_than_forgetting_live_nonces()
    {
        var cache = new NonceCache(TimeSpan.FromSeconds(300), capacity: 2);
        Assert.True(cache.TryRegister("a", "n1", Now, Now));
        Assert.True(cache.TryRegister("a", "n2", Now, Now));
        var full = Assert.Throws<RequestAuthenticationException>(() => cache.TryRegister("a", "n3", Now, Now));
        Assert.Equal(RequestRefusal.Unavailable, full.Refusal);
        Assert.False(cache.TryRegister("a", "n1", Now, Now + 1));
        Assert.True(cache.TryRegister("a", "n3", Now + 400_000, Now + 400_000));
    }
}
