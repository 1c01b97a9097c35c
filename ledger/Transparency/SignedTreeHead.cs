using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// A tree head signed by a quorum (2f+1) of validators, so an auditor who knows the validator set trusts it without
/// trusting any single operator. Signatures are sorted by validator index with no repeats.
/// </summary>
public sealed class SignedTreeHead(TreeHead head, ImmutableArray<ValidatorSignature> signatures)
{
    public TreeHead Head { get; } = head;

    public ImmutableArray<ValidatorSignature> Signatures { get; } = signatures;

    public bool Verify(Hash32 chainId, ValidatorSet validators, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(verifier);
        if (Signatures.Length < validators.Quorum || !SignatureList.IsCanonical(Signatures, validators.Count))
        {
            return false;
        }

        var payload = Head.SigningPayload(chainId);
        return Signatures.All(s => verifier.Verify(validators.PublicKeys[s.Validator], payload, s.Signature));
    }

    /// <summary>Signs <paramref name="head"/> with each given validator's key; the signatures come out sorted by index.</summary>
    public static SignedTreeHead Sign(TreeHead head, Hash32 chainId, IEnumerable<(ushort Validator, IConsensusSigner Signer)> signers)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(signers);
        var payload = head.SigningPayload(chainId);
        var signatures = signers
            .OrderBy(s => s.Validator)
            .Select(s => new ValidatorSignature(s.Validator, s.Signer.Sign(payload)))
            .ToImmutableArray();
        return new SignedTreeHead(head, signatures);
    }

    public byte[] Encode()
    {
        var writer = new CanonicalWriter(256);
        WriteTo(writer);
        return writer.ToArray();
    }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Head.WriteTo(writer);
        SignatureList.Write(writer, Signatures);
    }

    public static SignedTreeHead ReadFrom(ref CanonicalReader reader)
    {
        var head = TreeHead.ReadFrom(ref reader);
        return new SignedTreeHead(head, SignatureList.Read(ref reader));
    }

    public static SignedTreeHead Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new CanonicalReader(bytes);
        var signed = ReadFrom(ref reader);
        reader.EnsureEnd();
        return signed;
    }
}
