using System.Text;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;

namespace GovChain.Ledger.Transparency;

/// <summary>
/// What an auditor trusts, obtained out of band: the chain's name and its genesis validators, from which the chain id
/// follows. Text form (docs/audit.md), exactly:
/// <c>govchain-trust v1\n</c>, <c>chain &lt;name&gt;\n</c>, then one <c>validator &lt;lower-case hex public key&gt;\n</c> per
/// validator in index order. Anything else is rejected, so a trust file has one spelling.
/// </summary>
public sealed class AuditTrustAnchor
{
    private const string Header = "govchain-trust v1";
    private const int MaxBytes = 64 * 1024;

    public AuditTrustAnchor(string chainName, ValidatorSet validators)
    {
        ArgumentException.ThrowIfNullOrEmpty(chainName);
        ArgumentNullException.ThrowIfNull(validators);
        if (chainName.Any(char.IsControl) || chainName.Trim() != chainName)
        {
            throw new ArgumentException("a chain name has no control characters and no surrounding white space", nameof(chainName));
        }

        Genesis = new GenesisConfig(chainName, validators);
    }

    public GenesisConfig Genesis { get; }

    public Hash32 ChainId => Genesis.ChainId;

    public ValidatorSet Validators => Genesis.Validators;

    public string Format()
    {
        var text = new StringBuilder();
        text.Append(Header).Append('\n');
        text.Append("chain ").Append(Genesis.ChainName).Append('\n');
        foreach (var key in Validators.PublicKeys)
        {
            text.Append("validator ").Append(Convert.ToHexStringLower(key)).Append('\n');
        }

        return text.ToString();
    }

    public static AuditTrustAnchor Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
        {
            throw new LedgerFormatException($"a trust file is at most {MaxBytes} bytes");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new LedgerFormatException("a trust file is UTF-8 text", ex);
        }

        if (!text.EndsWith('\n'))
        {
            throw new LedgerFormatException("a trust file ends with a newline");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3 || lines[0] != Header || !lines[1].StartsWith("chain ", StringComparison.Ordinal))
        {
            throw new LedgerFormatException($"a trust file starts with '{Header}' and a 'chain <name>' line, then validators");
        }

        var keys = new List<byte[]>();
        for (var i = 2; i < lines.Length; i++)
        {
            keys.Add(ParseValidator(lines[i], i + 1));
        }

        try
        {
            var anchor = new AuditTrustAnchor(lines[1]["chain ".Length..], new ValidatorSet(keys));
            if (anchor.Format() != text)
            {
                throw new LedgerFormatException("a trust file is not in its canonical form");
            }

            return anchor;
        }
        catch (ArgumentException ex)
        {
            throw new LedgerFormatException(ex.Message, ex);
        }
    }

    private static byte[] ParseValidator(string line, int lineNumber)
    {
        const string prefix = "validator ";
        var hex = line.StartsWith(prefix, StringComparison.Ordinal) ? line[prefix.Length..] : null;
        if (hex is null || hex.Length == 0 || hex.Length % 2 != 0 || hex.Length > 2 * ValidatorSet.MaxPublicKeyBytes ||
            !hex.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw new LedgerFormatException($"line {lineNumber}: expected 'validator <lower-case hex public key>'");
        }

        return Convert.FromHexString(hex);
    }
}
