using GovChain.Ledger.Codec;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// One page of a trail: an <see cref="AuditBundle"/> (checked offline on its own) and, when the trail goes on, the
/// leaf the next page starts at (<see cref="Storage.TrailQuery.StartingAt"/>); null when this page ends the trail.
/// </summary>
public sealed record TrailPage(AuditBundle Bundle, long? NextFromLeaf)
{
    /// <summary>more ‖ [next leaf] ‖ the bundle's encoding.</summary>
    public byte[] Encode()
    {
        var w = new CanonicalWriter(Bundle.EncodedSizeEstimate + 9);
        WriteTo(w);
        return w.ToArray();
    }

    public void WriteTo(CanonicalWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteBool(NextFromLeaf is not null);
        if (NextFromLeaf is { } next)
        {
            w.WriteInt64(next);
        }

        Bundle.WriteTo(w);
    }

    public static TrailPage Decode(ReadOnlySpan<byte> bytes)
    {
        var r = new CanonicalReader(bytes);
        long? next = null;
        if (r.ReadBool())
        {
            next = r.ReadInt64();
            if (next < 0)
            {
                throw new LedgerFormatException($"a trail page cannot continue at leaf {next}");
            }
        }

        return new TrailPage(AuditBundle.Decode(bytes[(bytes.Length - r.Remaining)..]), next);
    }
}
