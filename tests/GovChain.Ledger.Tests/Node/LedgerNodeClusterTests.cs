using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Node;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Tests.Simulation;
using GovChain.TestSupport;
using Xunit;

namespace GovChain.Ledger.Tests.Node;

/// <summary>
/// Four validators with RocksDB stores and SM2 everywhere, on an in-process network. One is stopped (its store
/// closed mid-run, as a crash leaves it) and reopened; it must recover from disk, catch up by block sync, and agree
/// with the others on blocks, state roots and every acknowledged record.
/// </summary>
public sealed class LedgerNodeClusterTests
{
    private const long T0 = 1_760_000_000;

    [Fact]
    public void ARestartedValidatorRecoversFromItsStoreAndCatchesUp()
    {
        var keys = new Sm2SimulationKeys(4, 5);
        var genesis = new GenesisConfig("cluster-test", new ValidatorSet(keys.PublicKeys));
        var agencies = Enumerable.Range(0, 4).Select(i => ($"agency-{i}", keys.PublicKeys[i])).ToArray();
        var verifier = new GovChain.Ledger.Signing.Sm2SignatureVerifier();
        var dirs = Enumerable.Range(0, 4).Select(_ => new TempDirectory()).ToArray();
        try
        {
            LedgerNode Open(int i) => LedgerNode.Open(dirs[i].Path, genesis, new NodeIdentity(keys.PublicKeys[i], i, 4, keys.SignerFor(i)), verifier, agencies, Simulation.Simulation.Options);
            var nodes = Enumerable.Range(0, 4).Select(Open).ToArray<LedgerNode?>();
            var queue = new List<(long At, int From, int To, byte[] Payload)>();
            var submitted = new List<Hash32>();
            var client = new ClientActions(genesis.ChainId, keys);

            void Send(long now, int from, IEnumerable<OutboundMessage> outbox)
            {
                foreach (var m in outbox)
                {
                    var bytes = m.Message.Encode();
                    foreach (var to in Enumerable.Range(0, 4).Where(t => t != from && (m.To is null || m.To == t)))
                    {
                        queue.Add((now + 1, from, to, bytes));
                    }
                }
            }

            for (long now = 0; now < 160; now++)
            {
                var due = queue.Where(e => e.At <= now).ToList();
                queue.RemoveAll(e => e.At <= now);
                foreach (var (_, from, to, payload) in due)
                {
                    if (nodes[to] is { } node)
                    {
                        Send(now, to, node.Receive(from, payload));
                    }
                }

                if (now < 100 && now % 10 == 0 && client.Next() is { } tx)
                {
                    submitted.Add(Hash32.Compute(tx));
                    foreach (var node in nodes)
                    {
                        node?.Submit(tx);
                    }
                }

                if (now == 30)
                {
                    nodes[3]!.Dispose();
                    nodes[3] = null;
                }

                if (now == 70)
                {
                    nodes[3] = Open(3);
                }

                for (var i = 0; i < 4; i++)
                {
                    if (nodes[i] is { } node)
                    {
                        Send(now, i, node.Tick(T0 + now));
                    }
                }
            }

            var ledgers = nodes.Select(n => n!.Ledger).ToArray();
            var common = ledgers.Min(l => l.Height);
            Assert.True(common > 10, $"only {common} blocks in common");
            foreach (var ledger in ledgers.Skip(1))
            {
                Assert.Equal(ledgers[0].Store.ReadBlock(common).Hash, ledger.Store.ReadBlock(common).Hash);
                Assert.Equal(ledgers[0].Store.ReadStateRoot(common), ledger.Store.ReadStateRoot(common));
            }

            foreach (var id in submitted)
            {
                Assert.All(ledgers, l => Assert.NotNull(l.Store.ReadTransactionRecord(id)));
            }

            Assert.All(ledgers, l => Assert.Equal("allowed", l.Machine.State.Query("q1")?.Reason));
            Assert.All(ledgers, l => Assert.StartsWith("denied: consent revoked at ", l.Machine.State.Query("q2")?.Reason, StringComparison.Ordinal));

            // Registration, consent, allowed query, revocation, denied query: each provable against the restarted node's head.
            var trail = ledgers[3].Trail(TrailIndex.Subject, "citizen-1");
            Assert.Equal(5, trail.Count);
            Assert.All(trail, t => Assert.True(t.Proof.Verify(ledgers[3].Log.Hasher, ledgers[3].Log.Hasher.HashLeaf(t.Record), ledgers[3].Head.RootHash)));

            // Every core holds only its window of committed blocks; the catching-up validator was served from stores.
            Assert.All(nodes, n => Assert.InRange(n!.Consensus.RecentCommittedBlocks.Count(), 1, Simulation.Simulation.Options.CommittedWindow));

            foreach (var node in nodes)
            {
                node!.Dispose();
            }
        }
        finally
        {
            foreach (var dir in dirs)
            {
                dir.Dispose();
            }
        }
    }

    /// <summary>The scripted client traffic: registrations, a consent, a query, a revocation, a denied query.</summary>
    private sealed class ClientActions(Hash32 chainId, Sm2SimulationKeys validators)
    {
        private readonly Sm2PrivateKey bureau = Sm2PrivateKey.FromScalar(Sm3.HashData("bureau"u8)[..31].Prepend((byte)0).ToArray());
        private readonly Sm2PrivateKey subject = Sm2PrivateKey.FromScalar(Sm3.HashData("subject"u8)[..31].Prepend((byte)0).ToArray());
        private int step;

        public byte[]? Next()
        {
            var h = Hash32.Compute("x"u8);
            LedgerTransaction? tx = step++ switch
            {
                0 => Sign(validators, 0, 0, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())),
                1 => LedgerTransaction.Sign(chainId, subject, 0, new RegisterParticipant("citizen-1", ParticipantRole.Subject, subject.PublicKey.ToUncompressed())),
                2 => LedgerTransaction.Sign(chainId, subject, 1, new GrantConsent("c1", "bureau-a", "loan", ["tax"], DataClassification.General, T0, T0 + 86_400)),
                3 => Sign(validators, 0, 1, new RecordQuery("q1", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)),
                4 => LedgerTransaction.Sign(chainId, subject, 2, new RevokeConsent("c1")),
                5 => Sign(validators, 0, 2, new RecordQuery("q2", "c1", "citizen-1", "bureau-a", ["tax"], h, h, h, h)),
                _ => null,
            };
            return tx?.Encode();
        }

        // Validator keys double as the agencies' keys in this test.
        private LedgerTransaction Sign(Sm2SimulationKeys keys, int agency, ulong nonce, TransactionPayload payload)
        {
            var signer = keys.SignerFor(agency);
            var actor = keys.PublicKeys[agency];
            return new LedgerTransaction(actor, nonce, payload, signer.Sign(LedgerTransaction.SigningPayload(chainId, actor, nonce, payload)));
        }
    }
}
