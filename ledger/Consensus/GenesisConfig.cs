using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>What every validator agrees on before the first block: the chain's name and the epoch-0 validators.</summary>
public sealed class GenesisConfig
{
    public GenesisConfig(string chainName, ValidatorSet validators)
    {
        ArgumentException.ThrowIfNullOrEmpty(chainName);
        ChainName = chainName;
        Validators = validators;
        var writer = new CanonicalWriter();
        writer.WriteString(chainName);
        validators.WriteTo(writer);
        Block = new Block(0, 0, 0, 0, 0, null, [writer.ToArray()]);
    }

    public string ChainName { get; }

    public ValidatorSet Validators { get; }

    public Block Block { get; }

    /// <summary>The chain id bound into every signature: the genesis block hash.</summary>
    public Hash32 ChainId => Block.Hash;
}
