using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>The ordered validators of one epoch. Index i is validator i in signatures and leader rotation.</summary>
public sealed class ValidatorSet
{
    public const int MaxValidators = 256;
    public const int MaxPublicKeyBytes = 128;

    public ValidatorSet(IEnumerable<byte[]> publicKeys)
    {
        ArgumentNullException.ThrowIfNull(publicKeys);
        PublicKeys = publicKeys.Select(k => (byte[])k.Clone()).ToImmutableArray();
        if (PublicKeys.Length is 0 or > MaxValidators)
        {
            throw new ArgumentException($"a validator set has 1..{MaxValidators} members", nameof(publicKeys));
        }

        for (var i = 0; i < PublicKeys.Length; i++)
        {
            if (PublicKeys[i].Length is 0 or > MaxPublicKeyBytes)
            {
                throw new ArgumentException($"validator {i} has a public key of {PublicKeys[i].Length} bytes", nameof(publicKeys));
            }

            for (var j = 0; j < i; j++)
            {
                if (PublicKeys[i].AsSpan().SequenceEqual(PublicKeys[j]))
                {
                    throw new ArgumentException($"validators {j} and {i} share a public key", nameof(publicKeys));
                }
            }
        }
    }

    public ImmutableArray<byte[]> PublicKeys { get; }

    public int Count => PublicKeys.Length;

    /// <summary>f: the most faulty validators tolerated, floor((n-1)/3).</summary>
    public int MaxFaulty => (Count - 1) / 3;

    /// <summary>Votes needed for a certificate: floor(2n/3)+1, which is 2f+1 when n = 3f+1. Two quorums share an honest validator.</summary>
    public int Quorum => (2 * Count / 3) + 1;

    public int LeaderOf(ulong round) => (int)(round % (ulong)Count);

    public int IndexOf(ReadOnlySpan<byte> publicKey)
    {
        for (var i = 0; i < PublicKeys.Length; i++)
        {
            if (PublicKeys[i].AsSpan().SequenceEqual(publicKey))
            {
                return i;
            }
        }

        return -1;
    }

    public void WriteTo(CanonicalWriter writer)
    {
        writer.WriteUInt32((uint)Count);
        foreach (var key in PublicKeys)
        {
            writer.WriteBytes(key);
        }
    }

    public static ValidatorSet ReadFrom(ref CanonicalReader reader)
    {
        var count = reader.ReadCount(MaxValidators);
        if (count == 0)
        {
            throw new LedgerFormatException("a validator set is empty");
        }

        var keys = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            keys[i] = reader.ReadBytes(MaxPublicKeyBytes);
        }

        try
        {
            return new ValidatorSet(keys);
        }
        catch (ArgumentException ex)
        {
            throw new LedgerFormatException(ex.Message, ex);
        }
    }
}
