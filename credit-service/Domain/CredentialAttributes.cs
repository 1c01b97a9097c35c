using GovChain.CreditService.Data;
using GovChain.Wallet.Documents;

namespace GovChain.CreditService.Domain;

/// <summary>
/// Derives a credential's attributes from the agency's data about the holder, with public rules (anyone with the same
/// data gets the same attributes). Missing source data is a <see cref="ResourceNotFoundException"/> naming the category.
/// </summary>
public static class CredentialAttributes
{
    /// <param name="type">A <see cref="CredentialSchema"/> type name.</param>
    public static ulong[] Derive(string type, string holder, ISubjectDataStore data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return type switch
        {
            CredentialSchema.CreditProfile => CreditProfileRule.Attributes(holder, data),
            CredentialSchema.BirthDate => [BirthDate(holder)],
            CredentialSchema.TaxArrears => [Value(data, holder, "tax", "arrears_cny") > 0 ? 1UL : 0UL],
            CredentialSchema.OverdueAmount => [(ulong)Math.Max(0, Value(data, holder, "court", "enforcement_cny"))],
            _ => throw new MalformedInputException("type", $"unknown credential type '{type}' (known: {string.Join(", ", CredentialSchema.Types.Select(t => t.Name))})"),
        };
    }

    /// <summary>A stored value; the category must be on record for the holder, a missing field counts as 0.</summary>
    internal static long Value(ISubjectDataStore data, string holder, string category, string field) =>
        Record(data, holder, category).Values.GetValueOrDefault(field);

    internal static SubjectRecord Record(ISubjectDataStore data, string holder, string category) =>
        data.TryGet(holder, category) ?? throw new ResourceNotFoundException($"this agency holds no {category} data on {holder}");

    /// <summary>YYYYMMDD from a resident ID number (GB 11643): only citizens have a birth date.</summary>
    private static ulong BirthDate(string holder) =>
        ResidentIdNumber.TryParse(holder, out var id)
            ? ulong.Parse(id.BirthDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture)
            : throw new MalformedInputException("holder", "a birth-date credential needs a holder identified by a resident ID number");
}
