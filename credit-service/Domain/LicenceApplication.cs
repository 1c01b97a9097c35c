namespace GovChain.CreditService.Domain;

/// <summary>What an agency asks to issue: the licence's holder, type, number, printed name, extra fields and validity.</summary>
public sealed record LicenceApplication(string Holder, string Type, string Number, string HolderName, IReadOnlyDictionary<string, string> Fields, int ValidDays);
