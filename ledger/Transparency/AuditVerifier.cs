using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// Offline audit: trusts only the validator set. The head must carry 2f+1 valid validator signatures; every record
/// must be included under that head and, if it is a transaction (single or batched), carry its actor's valid SM2
/// signature; an earlier head, if given, must also be quorum-signed and be a prefix of it; a completeness statement,
/// if given, must be signed by 2f+1 validators about exactly these records.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Null when everything verifies; otherwise the first reason it does not.</summary>
    public static string? Verify(AuditBundle bundle, Hash32 chainId, ValidatorSet validators, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var hasher = MerkleHasher.Sm3;
        var head = bundle.Head.Head;
        if (!bundle.Head.Verify(chainId, validators, verifier))
        {
            return "the tree head lacks a quorum of valid validator signatures";
        }

        for (var i = 0; i < bundle.Records.Length; i++)
        {
            var (record, proof) = bundle.Records[i];
            if (proof.TreeSize != head.TreeSize || !proof.Verify(hasher, hasher.HashLeaf(record), head.RootHash))
            {
                return $"record {i} (leaf {proof.LeafIndex}) is not included under the tree head";
            }

            if (!ActorSignatureHolds(record, chainId, verifier))
            {
                return $"record {i} (leaf {proof.LeafIndex}) carries an actor signature that does not verify";
            }
        }

        if (bundle.EarlierHead is { } earlier)
        {
            if (!earlier.Verify(chainId, validators, verifier))
            {
                return "the earlier tree head lacks a quorum of valid validator signatures";
            }

            var consistency = bundle.Consistency;
            if (consistency is null || consistency.FirstSize != earlier.Head.TreeSize || consistency.SecondSize != head.TreeSize ||
                !consistency.Verify(hasher, earlier.Head.RootHash, head.RootHash))
            {
                return "the earlier tree head is not a prefix of the current one: the log was rewritten";
            }
        }

        return bundle.Completeness?.Verify(bundle, chainId, validators, verifier);
    }

    /// <summary>
    /// A record that is a signed transaction, alone or as one record of a batch (its audit path rebuilds the signed
    /// batch root), must carry its actor's valid signature. Leaves that are not transactions (the genesis block and
    /// validator-set changes, signed by the quorum) are checked by inclusion only.
    /// </summary>
    private static bool ActorSignatureHolds(byte[] record, Hash32 chainId, ISignatureVerifier verifier)
    {
        LedgerTransaction tx;
        try
        {
            tx = LedgerTransaction.Decode(record);
        }
        catch (LedgerFormatException)
        {
            return true;
        }

        try
        {
            return tx.VerifySignature(chainId, verifier);
        }
        catch (LedgerFormatException)
        {
            return false;
        }
    }
}
