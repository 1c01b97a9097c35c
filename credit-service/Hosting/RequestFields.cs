using System.Text;
using GovChain.Crypto;
using GovChain.Ledger;
using GovChain.Ledger.Application;
using Google.Protobuf;
using Grpc.Core;

namespace GovChain.CreditService.Hosting;

/// <summary>Checks of request fields; a bad field is INVALID_ARGUMENT with a reason that names it.</summary>
public static class RequestFields
{
    /// <summary>A ledger identifier: non-empty, at most 128 UTF-8 bytes, no control characters.</summary>
    public static string Id(string value, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            throw Invalid(field, "is empty");
        }

        if (Encoding.UTF8.GetByteCount(value) > TransactionPayload.MaxIdBytes || value.Any(char.IsControl))
        {
            throw Invalid(field, $"must be at most {TransactionPayload.MaxIdBytes} bytes without control characters");
        }

        return value;
    }

    /// <summary>A 65-byte uncompressed SM2 public key that is a point of the curve.</summary>
    public static byte[] PublicKey(ByteString value, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        var bytes = value.ToByteArray();
        try
        {
            if (bytes.Length != 65)
            {
                throw Invalid(field, "must be a 65-byte uncompressed SM2 point 04||x||y");
            }

            Sm2PublicKey.FromUncompressed(bytes);
            return bytes;
        }
        catch (CryptoInputException e)
        {
            throw Invalid(field, e.Message);
        }
    }

    /// <summary>An encoded ledger transaction signed by a participant.</summary>
    public static LedgerTransaction Transaction(ByteString value, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsEmpty)
        {
            throw Invalid(field, "is empty");
        }

        try
        {
            return LedgerTransaction.Decode(value.Span);
        }
        catch (LedgerFormatException e)
        {
            throw Invalid(field, e.Message);
        }
    }

    public static RpcException Invalid(string field, string reason) => new(new Status(StatusCode.InvalidArgument, $"{field} {reason}"));
}
