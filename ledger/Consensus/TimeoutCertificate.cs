using System.Collections.Immutable;
using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Consensus;

/// <summary>
/// At least 2f+1 validators gave up on (epoch, round). Each entry carries the round of that validator's highest
/// certificate, which it signed, so the next leader knows how far back it must not propose.
/// </summary>
public sealed class TimeoutCertificate
{
    public TimeoutCertificate(ulong epoch, ulong round, ImmutableArray<TimeoutSignature> entries)
    {
        Epoch = epoch;
        Round = round;
        Entries = entries;
    }

    public ulong Epoch { get; }

    public ulong Round { get; }

    public ImmutableArray<TimeoutSignature> Entries { get; }

    public ulong MaxHighQcRound => Entries.Max(e => e.HighQcRound);

    public bool IsValid(Hash32 chainId, ulong epoch, ValidatorSet validators, ISignatureVerifier verifier)
    {
        if (Epoch != epoch || Entries.Length < validators.Quorum)
        {
            return false;
        }

        var previous = -1;
        foreach (var e in Entries)
        {
            if (e.Validator <= previous || e.Validator >= validators.Count || e.HighQcRound >= Round)
            {
                return false;
            }

            previous = e.Validator;
            var payload = SigningPayloads.Timeout(chainId, Epoch, Round, e.HighQcRound);
            if (!verifier.Verify(validators.PublicKeys[e.Validator], payload, e.Signature))
            {
                return false;
            }
        }

        return true;
    }

    public void WriteTo(CanonicalWriter writer)
    {
        writer.WriteUInt64(Epoch);
        writer.WriteUInt64(Round);
        writer.WriteUInt32((uint)Entries.Length);
        foreach (var e in Entries)
        {
            writer.WriteUInt16(e.Validator);
            writer.WriteUInt64(e.HighQcRound);
            writer.WriteBytes(e.Signature);
        }
    }

    public static TimeoutCertificate ReadFrom(ref CanonicalReader reader)
    {
        var epoch = reader.ReadUInt64();
        var round = reader.ReadUInt64();
        var count = reader.ReadCount(ValidatorSet.MaxValidators);
        if (count == 0)
        {
            throw new LedgerFormatException("a timeout certificate has no entries");
        }

        var builder = ImmutableArray.CreateBuilder<TimeoutSignature>(count);
        for (var i = 0; i < count; i++)
        {
            var validator = reader.ReadUInt16();
            var highQcRound = reader.ReadUInt64();
            builder.Add(new TimeoutSignature(validator, highQcRound, reader.ReadBytes(ValidatorSignature.MaxSignatureBytes)));
        }

        return new TimeoutCertificate(epoch, round, builder.MoveToImmutable());
    }
}
