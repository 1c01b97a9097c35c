namespace GovChain.CreditService.Data;

/// <summary>
/// The inputs of a scoring model for one subject: features named "category.field", read from the store in the
/// model's order. Only numeric fields of shareable (important or general) categories can be features.
/// </summary>
public static class FeatureVector
{
    /// <summary>The feature values; a category the store lacks for the subject throws <see cref="MissingDataException"/>.</summary>
    public static long[] Read(ISubjectDataStore store, string subject, IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(features);
        var records = new Dictionary<string, SubjectRecord>(StringComparer.Ordinal);
        var values = new long[features.Count];
        for (var i = 0; i < features.Count; i++)
        {
            var (category, field) = Resolve(features[i]);
            if (!records.TryGetValue(category.Name, out var record))
            {
                record = store.TryGet(subject, category.Name) ?? throw new MissingDataException(subject, category.Name);
                records[category.Name] = record;
            }

            values[i] = record.Values[field.Name];
        }

        return values;
    }

    /// <summary>The distinct categories a feature list reads, in first-use order: what a consent must cover.</summary>
    public static IReadOnlyList<DataCategory> Categories(IEnumerable<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return [.. features.Select(f => Resolve(f).Category).Distinct()];
    }

    /// <summary>The category and field a feature name refers to; an unknown or unusable one throws <see cref="DataInputException"/>.</summary>
    public static (DataCategory Category, FieldSpec Field) Resolve(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var dot = feature.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == feature.Length - 1)
        {
            throw new DataInputException($"feature '{feature}' is not of the form category.field");
        }

        var category = DataCategory.Get(feature[..dot]);
        var field = category.Field(feature[(dot + 1)..])
            ?? throw new DataInputException($"category '{category.Name}' has no field '{feature[(dot + 1)..]}'");
        if (category.Classification == GovChain.Ledger.Application.DataClassification.Core)
        {
            throw new DataInputException($"feature '{feature}' is core data, which is never used for scoring");
        }

        return field.IsNumeric ? (category, field) : throw new DataInputException($"feature '{feature}' is a text field, not a number");
    }
}
