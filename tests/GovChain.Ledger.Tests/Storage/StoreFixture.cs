using GovChain.Crypto;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;

namespace GovChain.Ledger.Tests.Storage;

/// <summary>Keys and blocks for tests that drive a <see cref="CommittedLedger"/> directly, a block at a time, without consensus.</summary>
internal static class StoreFixture
{
    public const long T0 = 1_760_000_000;

    public static readonly Sm2PrivateKey Agency = Key(1);
    public static readonly Sm2PrivateKey Bureau = Key(2);
    public static readonly Sm2PrivateKey Subject = Key(3);
    public static readonly Sm2PrivateKey Subject2 = Key(4);

    /// <summary>A one-validator chain whose validator is also the only genesis agency.</summary>
    public static readonly GenesisConfig Genesis = new("storage-test", new ValidatorSet([Agency.PublicKey.ToUncompressed()]));

    public static readonly Sm2SignatureVerifier Verifier = new();

    public static (string, byte[])[] Agencies => [("agency", Agency.PublicKey.ToUncompressed())];

    /// <summary>The next block on the ledger's tip, with an empty certificate (the ledger does not check certificates).</summary>
    public static Block NextBlock(CommittedLedger ledger, byte[][] txs, long time = T0)
    {
        var parent = ledger.Store.ReadBlock(ledger.Height);
        var height = (ulong)ledger.Height + 1;
        return new Block(0, height, height, time, 0, new QuorumCertificate(0, parent.Round, parent.Hash, []), [.. txs]);
    }

    public static Sm2PrivateKey Key(byte n)
    {
        var scalar = new byte[32];
        scalar[31] = n;
        scalar[0] = 0x22;
        return Sm2PrivateKey.FromScalar(scalar);
    }
}
