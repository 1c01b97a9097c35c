using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// A quorum certificate: at least 2f+1 validators signed a vote for (epoch, round, block hash). Signatures are sorted
/// by validator index with no repeats, so a certificate has one encoding. The epoch's root certificate (round 0) has
/// no signatures: it certifies the block the epoch starts from, which every validator already agrees on.
/// </summary>
public sealed class QuorumCertificate
{
    public QuorumCertificate(ulong epoch, ulong round, Hash32 blockHash, ImmutableArray<ValidatorSignature> signatures)
    {
        Epoch = epoch;
        Round = round;
        BlockHash = blockHash;
        Signatures = signatures;
    }

    public ulong Epoch { get; }

    public ulong Round { get; }

    public Hash32 BlockHash { get; }

    public ImmutableArray<ValidatorSignature> Signatures { get; }

    public static QuorumCertificate Root(ulong epoch, Hash32 rootBlock) => new(epoch, 0, rootBlock, []);

    /// <summary>Structure and signatures against <paramref name="validators"/>; the root certificate must name <paramref name="rootBlock"/>.</summary>
    public bool IsValid(Hash32 chainId, ulong epoch, Hash32 rootBlock, ValidatorSet validators, ISignatureVerifier verifier)
    {
        if (Epoch != epoch)
        {
            return false;
        }

        if (Round == 0)
        {
            return BlockHash == rootBlock && Signatures.IsEmpty;
        }

        if (!SignatureList.IsCanonical(Signatures, validators.Count) || Signatures.Length < validators.Quorum)
        {
            return false;
        }

        var payload = SigningPayloads.Vote(chainId, Epoch, Round, BlockHash);
        foreach (var s in Signatures)
        {
            if (!verifier.Verify(validators.PublicKeys[s.Validator], payload, s.Signature))
            {
                return false;
            }
        }

        return true;
    }

    public void WriteTo(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
        writer.WriteHash(BlockHash);
        SignatureList.Write(writer, Signatures);
    }

    public static QuorumCertificate ReadFrom(ref CanonicalReader reader)
    {
        var epoch = reader.ReadUInt64();
        var round = reader.ReadUInt64();
        var hash = reader.ReadHash();
        var signatures = SignatureList.Read(ref reader);
        return new QuorumCertificate(epoch, round, hash, signatures);
    }
}
