using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>Encoding and shape checks shared by the certificate types.</summary>
internal static class SignatureList
{
    public static bool IsCanonical(ImmutableArray<ValidatorSignature> signatures, int validatorCount)
    {
        var previous = -1;
        foreach (var s in signatures)
        {
            if (s.Validator <= previous || s.Validator >= validatorCount)
            {
                return false;
            }

            previous = s.Validator;
        }

        return true;
    }

    public static void Write(CanonicalWriter writer, ImmutableArray<ValidatorSignature> signatures)
    {
        writer.WriteUInt32((uint)signatures.Length);
        foreach (var s in signatures)
        {
            writer.WriteUInt16(s.Validator);
            writer.WriteBytes(s.Signature);
        }
    }

    public static ImmutableArray<ValidatorSignature> Read(ref CanonicalReader reader)
    {
        var count = reader.ReadCount(ValidatorSet.MaxValidators);
        var builder = ImmutableArray.CreateBuilder<ValidatorSignature>(count);
        for (var i = 0; i < count; i++)
        {
            var validator = reader.ReadUInt16();
            builder.Add(new ValidatorSignature(validator, reader.ReadBytes(ValidatorSignature.MaxSignatureBytes)));
        }

        return builder.MoveToImmutable();
    }
}
