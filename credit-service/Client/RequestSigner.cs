using System.Globalization;
using GovChain.Crypto;
using GovChain.CreditService.Security;

namespace GovChain.CreditService.Client;

/// <summary>
/// Signs requests as one actor: SM2 (default user id) over <see cref="RequestSigningPayload"/> with a fresh nonce and
/// the current time, giving the four x-gc-* headers.
/// </summary>
public sealed class RequestSigner(string actorId, Sm2PrivateKey key, TimeProvider? clock = null)
{
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public string ActorId { get; } = actorId;

    public IReadOnlyList<KeyValuePair<string, string>> Sign(string method, string pathAndQuery, ReadOnlySpan<byte> body, long? timestampMs = null, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var timestamp = timestampMs ?? clock.GetUtcNow().ToUnixTimeMilliseconds();
        var chosenNonce = nonce ?? RequestSigningPayload.NewNonce();
        var signature = key.SignData(RequestSigningPayload.Build(method, pathAndQuery, body, timestamp, chosenNonce)).ToRaw();
        return
        [
            new(RequestHeaders.Actor, ActorId),
            new(RequestHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture)),
            new(RequestHeaders.Nonce, chosenNonce),
            new(RequestHeaders.Signature, Convert.ToHexStringLower(signature)),
        ];
    }
}
