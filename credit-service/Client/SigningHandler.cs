namespace GovChain.CreditService.Client;

/// <summary>
/// Signs each outgoing HTTP request (gRPC frames or REST JSON alike) at the HTTP level, so the signature covers the
/// exact body bytes sent: the content is buffered, signed, and sent as those bytes.
/// </summary>
public sealed class SigningHandler(RequestSigner signer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Array.Empty<byte>();
        if (request.Content is { } content)
        {
            body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var buffered = new ByteArrayContent(body);
            foreach (var header in content.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            buffered.Headers.ContentLength = body.Length;
            request.Content = buffered;
            content.Dispose();
        }

        var target = request.RequestUri ?? throw new InvalidOperationException("a request needs a URI");
        foreach (var (name, value) in signer.Sign(request.Method.Method, target.PathAndQuery, body))
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
