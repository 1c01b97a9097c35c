using System.Globalization;
using System.Text;

namespace GovChain.Ledger.Storage;

/// <summary>
/// One page of an audit trail: the logged records under <see cref="Key"/> in a keyed index or, for
/// <see cref="TrailIndex.Time"/>, the records of the blocks whose time lies in the ISO 8601 interval <see cref="Key"/>
/// ("start/end", end excluded, to the second), from leaf <see cref="FromLeaf"/> on, at most <see cref="Limit"/> of them
/// in log order. A trail outgrows any single reply (a bureau's grows with every query it makes), so readers page: the
/// next page starts at the first leaf the previous one left out.
/// </summary>
public sealed record TrailQuery
{
    public const int MaxKeyBytes = 256;
    public const int DefaultLimit = 1000;

    /// <summary>The most records one page may ask for (an offline export); nodes serve fewer per reply.</summary>
    public const int MaxLimit = Transparency.AuditBundle.MaxRecords;

    /// <exception cref="LedgerFormatException">An unknown index, an empty or oversized key, a key that is not an
    /// interval for the time index, a negative leaf or a limit outside 1..<see cref="MaxLimit"/>.</exception>
    public TrailQuery(TrailIndex index, string key, long fromLeaf = 0, int limit = DefaultLimit)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (index is < TrailIndex.Subject or > TrailIndex.Time)
        {
            throw new LedgerFormatException($"unknown trail index {(int)index}");
        }

        if (key.Length == 0 || key.Contains('\0') || Encoding.UTF8.GetByteCount(key) > MaxKeyBytes)
        {
            throw new LedgerFormatException($"a trail key is 1 to {MaxKeyBytes} UTF-8 bytes without NUL");
        }

        if (fromLeaf < 0)
        {
            throw new LedgerFormatException("a trail page starts at a leaf index ≥ 0");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new LedgerFormatException($"a trail page holds 1 to {MaxLimit} records, not {limit}");
        }

        Index = index;
        Key = key;
        FromLeaf = fromLeaf;
        Limit = limit;
        Interval = index == TrailIndex.Time ? ParseInterval(key) : default;
    }

    public TrailIndex Index { get; }

    public string Key { get; }

    public long FromLeaf { get; }

    public int Limit { get; }

    /// <summary>For the time index, [From, To) in unix seconds (the unit of block time); otherwise zeros.</summary>
    public (long From, long To) Interval { get; }

    /// <summary>
    /// This page of a trail given as leaves in log order (those before <see cref="FromLeaf"/> are skipped, and no more
    /// than <see cref="Limit"/> + 1 are read): at most <see cref="Limit"/> leaves, and the leaf the next page starts at,
    /// null when the trail ends within this page.
    /// </summary>
    public (List<long> Leaves, long? NextFromLeaf) PageOf(IEnumerable<long> trail)
    {
        ArgumentNullException.ThrowIfNull(trail);
        var leaves = trail.Where(leaf => leaf >= FromLeaf).Take(Limit + 1).ToList();
        if (leaves.Count <= Limit)
        {
            return (leaves, null);
        }

        var next = leaves[^1];
        leaves.RemoveAt(leaves.Count - 1);
        return (leaves, next);
    }

    /// <summary>The same trail from another leaf on.</summary>
    public TrailQuery StartingAt(long fromLeaf) => new(Index, Key, fromLeaf, Limit);

    /// <summary>An ISO 8601 interval of two instants, e.g. 2026-12-01T00:00:00Z/2026-12-02T00:00:00Z; UTC when no offset is given.</summary>
    public static string FormatInterval(DateTimeOffset from, DateTimeOffset to) =>
        FormattableString.Invariant($"{from.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}/{to.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");

    private static (long, long) ParseInterval(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 2 || !TryParseInstant(parts[0], out var from) || !TryParseInstant(parts[1], out var to))
        {
            throw new LedgerFormatException($"a time trail's key is an ISO 8601 interval start/end (e.g. 2026-12-01T00:00:00Z/2026-12-02T00:00:00Z), not '{key}'");
        }

        if (from >= to)
        {
            throw new LedgerFormatException($"the interval '{key}' is empty: its start is not before its end");
        }

        // Block times are unix seconds, never negative: an interval reaching back before 1970 starts there (the store's
        // time keys are unsigned, so a negative start would otherwise seek past every entry and find nothing).
        return (Math.Max(0, from.ToUnixTimeSeconds()), Math.Max(0, to.ToUnixTimeSeconds()));
    }

    // ISO 8601 only (an instant with an optional fraction and offset, or a date): no culture-dependent spellings such
    // as 12/01/2026 that read differently in different places.
    private static readonly string[] InstantFormats =
        ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private static bool TryParseInstant(string text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out instant);
}
