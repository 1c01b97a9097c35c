namespace GovChain.Ledger.Transparency;

/// <summary>
/// The exported-trail file: the 8-byte magic <c>GCAUDIT1</c> followed by the canonical <see cref="AuditBundle"/>
/// encoding (docs/audit.md). Every byte after the magic is covered by a signature or a proof, so any change is caught
/// either as malformed or as invalid.
/// </summary>
public static class AuditExport
{
    private static readonly byte[] Magic = "GCAUDIT1"u8.ToArray();

    /// <summary>Largest file accepted, which bounds what an untrusted export can make a verifier allocate.</summary>
    public const int MaxFileBytes = 256 * 1024 * 1024;

    public static byte[] Encode(AuditBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return [.. Magic, .. bundle.Encode()];
    }

    public static AuditBundle Decode(ReadOnlySpan<byte> file)
    {
        if (file.Length > MaxFileBytes)
        {
            throw new LedgerFormatException($"an audit export is at most {MaxFileBytes} bytes");
        }

        if (!file.StartsWith(Magic))
        {
            throw new LedgerFormatException("not a GovChain audit export (magic GCAUDIT1 missing)");
        }

        return AuditBundle.Decode(file[Magic.Length..]);
    }
}
