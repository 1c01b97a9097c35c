using GovChain.Ledger.Consensus;
using GovChain.Ledger.Tests.Simulation;

namespace GovChain.Ledger.Tests.Consensus;

/// <summary>Four validators with simulator keys, and helpers to build nodes and real messages.</summary>
internal sealed class ConsensusFixture
{
    public ConsensusFixture(int validators = 4)
    {
        Keys = new SimKeys(validators, 77);
        Genesis = new GenesisConfig("govchain-unit", new ValidatorSet(Keys.PublicKeys));
    }

    public SimKeys Keys { get; }

    public GenesisConfig Genesis { get; }

    public ValidatorSet Validators => Genesis.Validators;

    /// <summary>Validator <paramref name="i"/>, with the simulator's options unless <paramref name="options"/> are given.</summary>
    public ConsensusNode Node(int i, PersistedConsensusState? persisted = null, ITreeHeadSource? heads = null, ConsensusOptions? options = null) =>
        new(Genesis, new NodeIdentity(Keys.PublicKeys[i], i, Validators.Count, Keys.SignerFor(i)), Keys, options ?? Simulation.Simulation.Options, persisted, heads);

    /// <summary>The round-1 proposal: validator 1 leads round 1 and proposes as soon as it starts.</summary>
    public ProposalMessage FirstProposal(out ConsensusNode leader)
    {
        leader = Node(1);
        leader.Submit("first"u8.ToArray());
        leader.Tick(1);
        return leader.DrainOutbox().Select(o => o.Message).OfType<ProposalMessage>().First();
    }

    public ProposalMessage Sign(Block block, int proposer) =>
        new(block, null, Keys.SignerFor(proposer).Sign(SigningPayloads.Proposal(Genesis.ChainId, block.Epoch, block.Hash)));
}
