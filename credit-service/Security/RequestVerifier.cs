using System.Globalization;
using GovChain.Crypto;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Security;

/// <summary>
/// Checks one signed request: well-formed headers, a timestamp within the allowed skew, a known actor (or a subject
/// registering itself with the key its body carries), an SM2 signature over <see cref="RequestSigningPayload"/>
/// with that actor's ledger key, and a nonce not seen inside the window. The nonce is remembered only once the
/// signature verifies, so forged requests cannot burn someone else's nonces.
/// </summary>
public sealed class RequestVerifier(ActorDirectory directory, NonceCache nonces, TimeProvider clock, TimeSpan maxSkew)
{
    public const int MaxActorLength = 128;

    public static readonly TimeSpan DefaultSkew = TimeSpan.FromSeconds(300);

    /// <param name="selfRegistrationKey">Gives the key in the body of a subject self-registration, or null when the
    /// request is not one; only asked for when the actor is not on the ledger.</param>
    public async Task<VerifiedActor> VerifyAsync(SignedRequestParts request, ReadOnlyMemory<byte> body, Func<byte[]?> selfRegistrationKey, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(selfRegistrationKey);
        var actor = Required(request.Actor, RequestHeaders.Actor);
        if (actor.Length > MaxActorLength)
        {
            throw Refuse($"malformed {RequestHeaders.Actor} header");
        }

        if (!long.TryParse(Required(request.Timestamp, RequestHeaders.Timestamp), NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            throw Refuse($"malformed {RequestHeaders.Timestamp} header");
        }

        var nonce = Required(request.Nonce, RequestHeaders.Nonce);
        if (nonce.Length != RequestSigningPayload.NonceHexLength || !IsHex(nonce))
        {
            throw Refuse($"malformed {RequestHeaders.Nonce} header");
        }

        var signatureHex = Required(request.Signature, RequestHeaders.Signature);
        if (signatureHex.Length != 2 * Sm2Signature.RawSizeInBytes || !IsHex(signatureHex))
        {
            throw Refuse($"malformed {RequestHeaders.Signature} header");
        }

        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (Math.Abs(now - timestamp) > (long)maxSkew.TotalMilliseconds)
        {
            throw Refuse("stale timestamp");
        }

        var participant = await directory.FindAsync(actor, cancel).ConfigureAwait(false);
        var key = participant is not null ? Convert.FromHexString(participant.PublicKeyHex) : selfRegistrationKey() ?? throw Refuse("unknown actor");
        var payload = RequestSigningPayload.Build(request.Method, request.PathAndQuery, body.Span, timestamp, nonce);
        if (!SignatureVerifies(key, payload, Convert.FromHexString(signatureHex)))
        {
            throw Refuse("bad signature");
        }

        if (!nonces.TryRegister(actor, nonce.ToLowerInvariant(), timestamp, now))
        {
            throw Refuse("replayed nonce");
        }

        return new VerifiedActor(actor, participant?.Role, key, Hash32.Compute(payload));
    }

    private static bool SignatureVerifies(byte[] key, byte[] payload, byte[] signature)
    {
        try
        {
            return Sm2PublicKey.FromUncompressed(key).VerifyData(payload, Sm2Signature.FromRaw(signature));
        }
        catch (CryptoInputException)
        {
            return false;
        }
    }

    private static string Required(string? value, string header) =>
        string.IsNullOrEmpty(value) ? throw Refuse($"missing {header} header") : value;

    private static bool IsHex(string value) => value.All(char.IsAsciiHexDigit);

    private static RequestAuthenticationException Refuse(string reason) => new(RequestRefusal.Unauthenticated, reason);
}
