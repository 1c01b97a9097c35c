using GovChain.Ledger.Consensus;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Tests.Simulation;

/// <summary>
/// Rewrites a Byzantine validator's honest output: conflicting proposals to different halves of the network, votes for
/// two blocks in a round, corrupted signatures, withheld votes, and random or truncated bytes. It holds only its own
/// signing key, as a real attacker would.
/// </summary>
internal sealed class ByzantineAdversary(int self, int count, IConsensusSigner signer, Hash32 chainId, ByzantineBehaviour behaviour, Random random)
{
    public ByzantineBehaviour Behaviour => behaviour;

    public IEnumerable<(int To, byte[] Payload)> Rewrite(OutboundMessage outbound)
    {
        var message = outbound.Message;
        if (message is VoteMessage && Has(ByzantineBehaviour.WithholdVotes) && random.NextDouble() < 0.7)
        {
            yield break;
        }

        if (message is ProposalMessage proposal && Has(ByzantineBehaviour.EquivocateProposals) && random.NextDouble() < 0.7)
        {
            var conflicting = Conflicting(proposal);
            foreach (var to in Targets(outbound.To))
            {
                yield return (to, (to % 2 == 0 ? proposal : conflicting).Encode());
            }

            yield break;
        }

        if (message is VoteMessage vote && Has(ByzantineBehaviour.DoubleVote) && random.NextDouble() < 0.7)
        {
            var other = RandomHash();
            var signature = signer.Sign(SigningPayloads.Vote(chainId, vote.Epoch, vote.Round, other));
            var second = new VoteMessage(vote.Epoch, vote.Round, other, vote.Voter, signature).Encode();
            foreach (var to in Targets(outbound.To))
            {
                yield return (to, second);
            }
        }

        if (Has(ByzantineBehaviour.BadSignatures) && random.NextDouble() < 0.3 && WithBadSignature(message) is { } forged)
        {
            message = forged;
        }

        var bytes = message.Encode();
        foreach (var to in Targets(outbound.To))
        {
            yield return (to, bytes);
        }
    }

    /// <summary>Unsolicited junk, sent on some ticks.</summary>
    public IEnumerable<(int To, byte[] Payload)> OnTick(IReadOnlyList<byte[]> recentHonestPayloads)
    {
        if (!Has(ByzantineBehaviour.GarbageMessages) || random.NextDouble() > 0.3)
        {
            yield break;
        }

        var to = random.Next(count);
        if (to == self)
        {
            yield break;
        }

        byte[] payload;
        switch (random.Next(3))
        {
            case 0:
                payload = new byte[random.Next(0, 300)];
                random.NextBytes(payload);
                break;
            case 1 when recentHonestPayloads.Count > 0:
                // A real message cut short or with one byte changed.
                var source = recentHonestPayloads[random.Next(recentHonestPayloads.Count)];
                payload = source[..random.Next(source.Length)];
                if (payload.Length > 0 && random.Next(2) == 0)
                {
                    payload = (byte[])source.Clone();
                    payload[random.Next(payload.Length)] ^= (byte)(1 + random.Next(255));
                }

                break;
            default:
                // A known kind byte followed by noise, the case most likely to reach deep into a decoder.
                payload = new byte[random.Next(1, 200)];
                random.NextBytes(payload);
                payload[0] = (byte)random.Next(1, 7);
                break;
        }

        yield return (to, payload);
    }

    private ProposalMessage Conflicting(ProposalMessage proposal)
    {
        var original = proposal.Block;
        var junk = new byte[16];
        random.NextBytes(junk);
        var block = new Block(original.Epoch, original.Round, original.Height, original.Timestamp, original.Proposer, original.Justify, [junk]);
        var signature = signer.Sign(SigningPayloads.Proposal(chainId, block.Epoch, block.Hash));
        return new ProposalMessage(block, proposal.LastRoundTimeout, signature);
    }

    private ConsensusMessage? WithBadSignature(ConsensusMessage message) => message switch
    {
        VoteMessage v => new VoteMessage(v.Epoch, v.Round, v.BlockHash, v.Voter, Corrupt(v.Signature)),
        ProposalMessage p => new ProposalMessage(p.Block, p.LastRoundTimeout, Corrupt(p.Signature)),
        TimeoutMessage t => new TimeoutMessage(t.Epoch, t.Round, t.Voter, t.HighQc, t.LastRoundTimeout, Corrupt(t.Signature)),
        _ => null,
    };

    private byte[] Corrupt(byte[] signature)
    {
        var copy = (byte[])signature.Clone();
        copy[random.Next(copy.Length)] ^= 0x5a;
        return copy;
    }

    private Hash32 RandomHash()
    {
        Span<byte> bytes = stackalloc byte[Hash32.Size];
        random.NextBytes(bytes);
        return new Hash32(bytes);
    }

    private IEnumerable<int> Targets(int? to) => to is { } one ? [one] : Enumerable.Range(0, count).Where(i => i != self);

    private bool Has(ByzantineBehaviour flag) => (behaviour & flag) != 0;
}
