namespace GovChain.CreditService.Tests.EndToEnd;

/// <summary>Sits under the signing handler and changes signed requests before they leave, as an attacker on the path would.</summary>
public sealed class TamperingHandler(Func<HttpRequestMessage, Task> tamper) : DelegatingHandler(new SocketsHttpHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await tamper(request).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Flips the last byte of the body (keeping its headers).</summary>
    public static async Task FlipLastBodyByte(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var content = request.Content!;
        var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
        bytes[^1] ^= 0x01;
        var altered = new ByteArrayContent(bytes);
        foreach (var header in content.Headers)
        {
            altered.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Content = altered;
    }
}
