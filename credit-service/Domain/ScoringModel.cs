using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// A published scoring model: which subject fields, in which order, feed the bureau's encrypted weights. The ledger
/// records <see cref="ModelHash"/>, so an auditor can tell exactly which fields a query touched.
/// </summary>
public sealed class ScoringModel
{
    private const string Tag = "GovChain.model.v1";

    public ScoringModel(string id, string description, IReadOnlyList<ModelFeature> features, Func<string, DataClassification> classificationOf)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(classificationOf);
        if (features.Count == 0)
        {
            throw new ArgumentException("a model reads at least one feature", nameof(features));
        }

        Id = id;
        Description = description;
        Features = features.ToArray();
        Categories = Features.Select(f => f.Category).Distinct().Order(StringComparer.Ordinal).ToArray();
        HighestClassification = Categories.Select(classificationOf).Max();
        ModelHash = Hash32.Compute(CanonicalBytes());
    }

    public string Id { get; }

    public string Description { get; }

    public IReadOnlyList<ModelFeature> Features { get; }

    /// <summary>The data categories the model reads, sorted and distinct (the ledger's canonical category set).</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>The strictest classification among <see cref="Categories"/>; a consent must be granted at least at this level.</summary>
    public DataClassification HighestClassification { get; }

    /// <summary>SM3 of <see cref="CanonicalBytes"/>.</summary>
    public Hash32 ModelHash { get; }

    /// <summary>The canonical description: id, description and every feature with its scaling, in order.</summary>
    public byte[] CanonicalBytes()
    {
        var w = new CanonicalWriter();
        w.WriteString(Tag);
        w.WriteString(Id);
        w.WriteString(Description);
        w.WriteUInt32((uint)Features.Count);
        foreach (var f in Features)
        {
            w.WriteString(f.Category);
            w.WriteString(f.Field);
            w.WriteInt64(f.Divisor);
            w.WriteInt64(f.Cap);
        }

        return w.ToArray();
    }

    /// <summary>The scaled feature vector, in model order, from raw stored values in the same order.</summary>
    public ulong[] Scale(IReadOnlyList<long> raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Count != Features.Count)
        {
            throw new ArgumentException($"model {Id} has {Features.Count} features, got {raw.Count} values", nameof(raw));
        }

        return Features.Select((f, i) => f.Scale(raw[i])).ToArray();
    }
}
