namespace GovChain.CreditService.Domain;

/// <summary>
/// One input of a scoring model: a stored field, scaled down and capped so that the encrypted inner product of a
/// bureau's small weights with the features stays below the BFV plain modulus (no wrap-around in slot 0).
/// </summary>
public sealed record ModelFeature(string Category, string Field, long Divisor, long Cap)
{
    /// <summary>"category.field", the name the data store and the model description use.</summary>
    public string Name => Category + "." + Field;

    /// <summary>The value the scorer multiplies: ⌊raw / Divisor⌋ clamped to [0, Cap].</summary>
    public ulong Scale(long raw) => raw <= 0 ? 0 : (ulong)Math.Min(raw / Divisor, Cap);
}
