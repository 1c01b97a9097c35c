using GovChain.Crypto;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Application;

/// <summary>
/// A system-contract call: the actor's SM2 public key, the actor's next nonce (replay protection), the payload, and
/// the actor's SM2 signature over "GovChain.tx.v1" ‖ chainId ‖ actor ‖ nonce ‖ payload (for a batch, and for each of its
/// logged records: the batch's kind, record count and Merkle root; see <see cref="RecordBatch"/>).
/// </summary>
public sealed class LedgerTransaction
{
    public const int MaxPublicKeyBytes = 65;

    private static readonly byte[] Tag = "GovChain.tx.v1"u8.ToArray();

    public LedgerTransaction(byte[] actor, ulong nonce, TransactionPayload payload, byte[] signature)
    {
        Actor = actor;
        Nonce = nonce;
        Payload = payload;
        Signature = signature;
    }

    public byte[] Actor { get; }

    public ulong Nonce { get; }

    public TransactionPayload Payload { get; }

    public byte[] Signature { get; }

    public static byte[] SigningPayload(Hash32 chainId, byte[] actor, ulong nonce, TransactionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(payload);
        var writer = CanonicalWriter.Rent();
        writer.WriteFixed(Tag);
        writer.WriteHash(chainId);
        writer.WriteBytes(actor);
        writer.WriteUInt64(nonce);
        payload.WriteSignedForm(writer);
        return writer.ToArrayAndReturn();
    }

    public static LedgerTransaction Sign(Hash32 chainId, Sm2PrivateKey actor, ulong nonce, TransactionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var key = actor.PublicKey.ToUncompressed();
        var signature = actor.SignData(SigningPayload(chainId, key, nonce, payload)).ToRaw();
        return new LedgerTransaction(key, nonce, payload, signature);
    }

    public bool VerifySignature(Hash32 chainId, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return verifier.Verify(Actor, SigningPayload(chainId, Actor, Nonce, Payload), Signature);
    }

    public byte[] Encode()
    {
        var writer = CanonicalWriter.Rent();
        writer.WriteBytes(Actor);
        writer.WriteUInt64(Nonce);
        Payload.WriteTo(writer);
        writer.WriteBytes(Signature);
        return writer.ToArrayAndReturn();
    }

    public static LedgerTransaction Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var actor = reader.ReadBytes(MaxPublicKeyBytes);
        var nonce = reader.ReadUInt64();
        var payload = TransactionPayload.ReadFrom(ref reader);
        var signature = reader.ReadBytes(ValidatorSignature.MaxSignatureBytes);
        reader.EnsureEnd();
        return new LedgerTransaction(actor, nonce, payload, signature);
    }
}
