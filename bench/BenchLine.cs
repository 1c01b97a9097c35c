using System.Globalization;

namespace GovChain.Bench;

/// <summary>One comparison figure: <c>name ours=&lt;rate&gt; peer=&lt;rate&gt; ratio=&lt;ours/peer&gt;</c>, both measured in the same run.</summary>
public sealed record BenchLine(string Name, double Ours, double Peer, string PeerName, string Unit)
{
    public double Ratio => Peer > 0 ? Ours / Peer : double.NaN;

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Name} ours={Ours:0.##} {PeerName}={Peer:0.##} ratio={Ratio:0.###} unit={Unit}");
}
