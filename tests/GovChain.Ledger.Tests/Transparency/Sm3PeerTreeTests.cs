using System.Text.Json;
using GovChain.Ledger.Transparency;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.Ledger.Tests.Transparency;

/// <summary>The SM3 tree heads against an independent MTH written in JavaScript over sm-crypto's SM3.</summary>
public sealed class Sm3PeerTreeTests
{
    private const string PeerScript = """
        const { sm3 } = require('sm-crypto');
        const leaves = JSON.parse(require('fs').readFileSync(0, 'utf8')).map(h => Array.from(Buffer.from(h, 'hex')));
        const hash = bytes => Array.from(Buffer.from(sm3(bytes), 'hex'));
        function mth(d) {
          if (d.length === 0) return hash([]);
          if (d.length === 1) return hash([0, ...d[0]]);
          let k = 1; while (k * 2 < d.length) k *= 2;
          return hash([1, ...mth(d.slice(0, k)), ...mth(d.slice(k))]);
        }
        const roots = [];
        for (let n = 0; n <= leaves.length; n++) roots.push(Buffer.from(mth(leaves.slice(0, n))).toString('hex'));
        process.stdout.write(JSON.stringify(roots));
        """;

    [Fact]
    public void RootsOfEveryPrefixMatchSmCrypto()
    {
        var random = new Random(9162);
        var leaves = Enumerable.Range(0, 37).Select(i =>
        {
            var leaf = new byte[random.Next(0, 80)];
            random.NextBytes(leaf);
            return leaf;
        }).ToList();

        var output = Peers.Eval(PeerScript, JsonSerializer.Serialize(leaves.Select(Convert.ToHexStringLower)));
        var expected = JsonSerializer.Deserialize<string[]>(output)!;

        var tree = new MerkleTree();
        var actual = new List<string> { tree.Root.ToString() };
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
            actual.Add(tree.Root.ToString());
        }

        Assert.Equal(expected, actual);
    }
}
