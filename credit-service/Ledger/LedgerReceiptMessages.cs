namespace GovChain.CreditService.Ledger;

/// <summary>Conversions between the port's receipt and the wire message.</summary>
public static class LedgerReceiptMessages
{
    public static Protos.LedgerReceipt ToMessage(this LedgerReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        return new Protos.LedgerReceipt { Height = receipt.Height, Leaf = receipt.Leaf, Reason = receipt.Reason };
    }
}
