using System.Text;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>Checks request fields before any work, with the ledger's identifier rules, so bad input never reaches the ledger.</summary>
public static class RequestFieldRules
{
    /// <exception cref="MalformedInputException">Empty, longer than the ledger allows, or with control characters.</exception>
    public static string Id(string? value, string field)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new MalformedInputException(field, "is empty");
        }

        if (Encoding.UTF8.GetByteCount(value) > TransactionPayload.MaxIdBytes)
        {
            throw new MalformedInputException(field, $"is longer than {TransactionPayload.MaxIdBytes} UTF-8 bytes");
        }

        return value.Any(char.IsControl) ? throw new MalformedInputException(field, "contains control characters") : value;
    }

    /// <summary>An optional client-chosen id, or a fresh random one with the given prefix.</summary>
    public static string IdOrNew(string? value, string field, string prefix) =>
        string.IsNullOrEmpty(value) ? NewId(prefix) : Id(value, field);

    public static string NewId(string prefix) => prefix + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));

    /// <exception cref="MalformedInputException">Not 64 hex digits.</exception>
    public static Hash32 Hash(string? value, string field)
    {
        if (value is null || value.Length != 2 * Hash32.Size)
        {
            throw new MalformedInputException(field, $"expected {2 * Hash32.Size} hex digits");
        }

        try
        {
            return new Hash32(Convert.FromHexString(value));
        }
        catch (FormatException ex)
        {
            throw new MalformedInputException(field, "is not hex", ex);
        }
    }
}
