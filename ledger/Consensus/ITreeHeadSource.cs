using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// The application's transparency log as consensus sees it, so that a block's certificate also certifies a tree head:
/// a leader puts <see cref="Latest"/> in its proposal, and a validator votes only for a head its own log reached.
/// Both are read on the core's thread, between inputs; the answers depend only on the committed blocks applied so far.
/// </summary>
public interface ITreeHeadSource
{
    /// <summary>The head after the blocks applied so far, or null before there is one to certify.</summary>
    TreeHead? Latest { get; }

    /// <summary>True if this log had exactly <paramref name="head"/> after the block that head names.</summary>
    bool Reached(TreeHead head);
}
