using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// A transaction that replaces the validator set: the next epoch's validators, signed by a quorum (2f+1) of the
/// current epoch's validators. It takes effect when the block carrying it commits; that block becomes the root of
/// the next epoch and nothing after it in the old epoch is ever committed.
/// </summary>
public sealed class ValidatorSetChange
{
    private static readonly byte[] Magic = "GovChain.validator-set-change.v1"u8.ToArray();
    private static readonly byte[] SigningTag = "GovChain.consensus.validator-set-change.v1"u8.ToArray();

    public ValidatorSetChange(ulong epoch, ValidatorSet newValidators, ImmutableArray<ValidatorSignature> signatures)
    {
        Epoch = epoch;
        NewValidators = newValidators;
        Signatures = signatures;
    }

    /// <summary>The epoch whose validators approve the change; the new set governs epoch + 1.</summary>
    public ulong Epoch { get; }

    public ValidatorSet NewValidators { get; }

    public ImmutableArray<ValidatorSignature> Signatures { get; }

    public static byte[] SigningPayload(Hash32 chainId, ulong epoch, ValidatorSet newValidators)
    {
        ArgumentNullException.ThrowIfNull(newValidators);
        var writer = new CanonicalWriter();
        writer.WriteFixed(SigningTag);
        writer.WriteHash(chainId);
        writer.WriteUInt64(epoch);
        newValidators.WriteTo(writer);
        return writer.ToArray();
    }

    /// <summary>Builds a change from the approving validators' signers (index in the current set, signer).</summary>
    public static ValidatorSetChange Create(Hash32 chainId, ulong epoch, ValidatorSet newValidators, IEnumerable<(int Validator, IConsensusSigner Signer)> approvals)
    {
        ArgumentNullException.ThrowIfNull(approvals);
        var payload = SigningPayload(chainId, epoch, newValidators);
        var signatures = approvals
            .OrderBy(a => a.Validator)
            .Select(a => new ValidatorSignature(checked((ushort)a.Validator), a.Signer.Sign(payload)))
            .ToImmutableArray();
        return new ValidatorSetChange(epoch, newValidators, signatures);
    }

    public bool IsValid(Hash32 chainId, ulong currentEpoch, ValidatorSet current, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(verifier);
        if (Epoch != currentEpoch || Signatures.Length < current.Quorum || !SignatureList.IsCanonical(Signatures, current.Count))
        {
            return false;
        }

        var payload = SigningPayload(chainId, Epoch, NewValidators);
        return Signatures.All(s => verifier.Verify(current.PublicKeys[s.Validator], payload, s.Signature));
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter();
        writer.WriteFixed(Magic);
        writer.WriteUInt64(Epoch);
        NewValidators.WriteTo(writer);
        SignatureList.Write(writer, Signatures);
        return writer.ToArray();
    }

    /// <summary>Null if the transaction is not a validator-set change; throws if it claims to be one but is malformed.</summary>
    public static ValidatorSetChange? TryDecode(ReadOnlySpan<byte> transaction)
    {
        if (!transaction.StartsWith(Magic))
        {
            return null;
        }

        var reader = new CanonicalReader(transaction[Magic.Length..]);
        var epoch = reader.ReadUInt64();
        var validators = ValidatorSet.ReadFrom(ref reader);
        var signatures = SignatureList.Read(ref reader);
        reader.EnsureEnd();
        return new ValidatorSetChange(epoch, validators, signatures);
    }
}
