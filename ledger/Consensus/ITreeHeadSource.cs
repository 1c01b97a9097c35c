using GovChain.Ledger.Transparency;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// The application's transparency log as consensus sees it: a validator signs <see cref="Latest"/> alongside its
/// votes, and leaders put a head that 2f+1 validators signed into their blocks. Read on the core's thread, between
/// inputs.
/// </summary>
public interface ITreeHeadSource
{
    /// <summary>The head after the blocks applied so far, or null before there is one.</summary>
    TreeHead? Latest { get; }
}
