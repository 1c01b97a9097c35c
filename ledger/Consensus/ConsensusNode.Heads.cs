using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// Quorum-signed tree heads through consensus traffic. A validator signs its own log's latest head and sends the
/// signature with each vote; the validator that leads next keeps each voter's latest valid signature, and once 2f+1
/// of them name one head newer than any already in the chain, it puts that signed head into its next block. Votes
/// never depend on the log (a lagging log only delays the next signed head), so liveness is as without it.
/// </summary>
public sealed partial class ConsensusNode
{
    private readonly ITreeHeadSource? heads;
    private readonly Dictionary<ushort, HeadAttestation> latestAttestations = [];
    private HeadAttestation? ownAttestation;
    private SignedTreeHead? quorumHead;
    private long chainHeadSize = -1;

    /// <summary>This validator's signature on its log's latest head, made once per head.</summary>
    private HeadAttestation? OwnAttestation()
    {
        if (heads?.Latest is not { } head || self < 0)
        {
            return null;
        }

        if (ownAttestation?.Head != head)
        {
            ownAttestation = new HeadAttestation(head, identity.Signer.Sign(head.SigningPayload(chainId)));
        }

        return ownAttestation;
    }

    /// <summary>
    /// Keeps a voter's head signature if this validator leads the round after the vote (only the next leader uses
    /// them) and it verifies; an invalid one is reported and dropped, the vote itself still counts.
    /// </summary>
    private void ObserveAttestation(VoteMessage vote, int from, bool verified)
    {
        if (vote.Head is not { } attestation || validators.LeaderOf(vote.Round + 1) != self ||
            attestation.Head.TreeSize <= chainHeadSize)
        {
            return;
        }

        var known = latestAttestations.GetValueOrDefault(vote.Voter);
        if (known is not null && known.Head.TreeSize >= attestation.Head.TreeSize)
        {
            return;
        }

        if (!verified && !verifier.Verify(validators.PublicKeys[vote.Voter], attestation.Head.SigningPayload(chainId), attestation.Signature))
        {
            Reject(from, $"tree-head signature of validator {vote.Voter} does not verify");
            return;
        }

        latestAttestations[vote.Voter] = attestation;
        var agreeing = latestAttestations.Where(a => a.Value.Head == attestation.Head).ToList();
        if (agreeing.Count >= validators.Quorum)
        {
            quorumHead = new SignedTreeHead(attestation.Head, [.. agreeing.OrderBy(a => a.Key).Select(a => new ValidatorSignature(a.Key, a.Value.Signature))]);
        }
    }

    /// <summary>The quorum-signed head for a new proposal: newer than any the chain already carries.</summary>
    private SignedTreeHead? HeadForProposal() => quorumHead is { } q && q.Head.TreeSize > chainHeadSize ? q : null;

    /// <summary>A block's signed head must carry 2f+1 valid signatures of this epoch's validators.</summary>
    private bool CertifiedHeadIsValid(Block block) =>
        block.CertifiedHead is not { } signed || signed.Verify(chainId, validators, verifier);

    /// <summary>Called for every block this validator votes for: heads at or below the chain's need not be proposed again.</summary>
    private void NoteChainHead(Block block)
    {
        if (block.CertifiedHead is { } signed && signed.Head.TreeSize > chainHeadSize)
        {
            chainHeadSize = signed.Head.TreeSize;
        }
    }

    private void ForgetAttestations()
    {
        latestAttestations.Clear();
        quorumHead = null;
    }
}
