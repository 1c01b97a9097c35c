using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Storage;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// Validators' statement that a trail page is complete: under the bundle's tree head, the trail (index, key) holds
/// exactly the bundle's records among the leaves [<see cref="FromLeaf"/>, <see cref="EndLeaf"/>). Inclusion proofs show
/// that each record is in the log; this shows that none was left out, for an auditor who trusts no single operator:
/// 2f+1 signatures mean at least f+1 honest validators read the same page from their own indexes. EndLeaf is where the
/// next page starts, or the head's size when the page ends the trail.
/// </summary>
public sealed record TrailAttestation(TrailIndex Index, string Key, long FromLeaf, long EndLeaf, ImmutableArray<ValidatorSignature> Signatures)
{
    private static readonly byte[] Tag = "GovChain.trailpage.v1"u8.ToArray();

    /// <summary>The bytes each validator signs: the statement bound to the chain, the head and the page's leaves.</summary>
    public static byte[] SigningPayload(Hash32 chainId, TreeHead head, TrailIndex index, string key, long fromLeaf, long endLeaf, IReadOnlyList<long> leaves)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(leaves);
        var writer = new CanonicalWriter(192 + (8 * leaves.Count));
        writer.WriteFixed(Tag);
        writer.WriteHash(chainId);
        head.WriteTo(writer);
        writer.WriteByte((byte)index);
        writer.WriteString(key);
        writer.WriteInt64(fromLeaf);
        writer.WriteInt64(endLeaf);
        writer.WriteUInt32((uint)leaves.Count);
        foreach (var leaf in leaves)
        {
            writer.WriteInt64(leaf);
        }

        return writer.ToArray();
    }

    /// <summary>The statement for a page of <paramref name="query"/> with the given leaves, signed by each of <paramref name="signers"/>.</summary>
    public static TrailAttestation Sign(
        Hash32 chainId,
        TreeHead head,
        TrailQuery query,
        IReadOnlyList<long> leaves,
        long? nextFromLeaf,
        IEnumerable<(ushort Validator, IConsensusSigner Signer)> signers)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(signers);
        var end = nextFromLeaf ?? head.TreeSize;
        var payload = SigningPayload(chainId, head, query.Index, query.Key, query.FromLeaf, end, leaves);
        var signatures = signers.OrderBy(s => s.Validator).Select(s => new ValidatorSignature(s.Validator, s.Signer.Sign(payload)));
        return new TrailAttestation(query.Index, query.Key, query.FromLeaf, end, [.. signatures]);
    }

    /// <summary>Null when 2f+1 validators signed this statement about exactly <paramref name="bundle"/>'s records; otherwise why not.</summary>
    public string? Verify(AuditBundle bundle, Hash32 chainId, ValidatorSet validators, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(verifier);
        var head = bundle.Head.Head;
        if (FromLeaf < 0 || EndLeaf < FromLeaf || EndLeaf > head.TreeSize)
        {
            return $"the completeness statement's leaves [{FromLeaf}, {EndLeaf}) are not within the tree head (size {head.TreeSize})";
        }

        var leaves = bundle.Records.Select(r => r.Proof.LeafIndex).ToList();
        for (var i = 0; i < leaves.Count; i++)
        {
            if (leaves[i] < FromLeaf || leaves[i] >= EndLeaf || (i > 0 && leaves[i] <= leaves[i - 1]))
            {
                return $"record {i} (leaf {leaves[i]}) is out of order or outside the attested leaves [{FromLeaf}, {EndLeaf})";
            }
        }

        if (Signatures.Length < validators.Quorum || !SignatureList.IsCanonical(Signatures, validators.Count))
        {
            return "the completeness statement lacks a quorum of distinct validator signatures";
        }

        var payload = SigningPayload(chainId, head, Index, Key, FromLeaf, EndLeaf, leaves);
        return Signatures.All(s => verifier.Verify(validators.PublicKeys[s.Validator], payload, s.Signature))
            ? null
            : "a validator's signature on the completeness statement does not verify: records were added, left out or altered";
    }

    public void WriteTo(CanonicalWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte((byte)Index);
        writer.WriteString(Key);
        writer.WriteInt64(FromLeaf);
        writer.WriteInt64(EndLeaf);
        SignatureList.Write(writer, Signatures);
    }

    public static TrailAttestation ReadFrom(ref CanonicalReader reader)
    {
        var index = reader.ReadByte();
        if (index > (byte)TrailIndex.Time)
        {
            throw new LedgerFormatException($"unknown trail index {index}");
        }

        return new TrailAttestation((TrailIndex)index, reader.ReadString(TrailQuery.MaxKeyBytes), reader.ReadInt64(), reader.ReadInt64(), SignatureList.Read(ref reader));
    }
}
