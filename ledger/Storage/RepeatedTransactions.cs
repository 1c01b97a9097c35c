using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Storage;

/// <summary>
/// For one block being applied: whether a rejected transaction repeats one that committed earlier in the block or
/// before it, whose outcome is then on record already. The set of the block's earlier ids is built only once a
/// transaction is rejected.
/// </summary>
internal sealed class RepeatedTransactions
{
    private HashSet<Hash32>? earlier;
    private int indexed;

    public bool IsRepeat(Block block, int position, LedgerStore store)
    {
        earlier ??= [];
        for (; indexed < position; indexed++)
        {
            earlier.Add(block.TransactionIds[indexed]);
        }

        var id = block.TransactionIds[position];
        return earlier.Contains(id) || store.ReadTransactionRecord(id) is not null;
    }
}
