using GovChain.Crypto;
using Grpc.Core;
using GovChain.Ledger.Application;
using GovChain.Ledger.Hosting;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;
using Xunit;

namespace GovChain.Ledger.Tests.Processes;

/// <summary>
/// The client API of running validators: lookups of committed records, a trail under a quorum-signed head, and many
/// submissions on one stream.
/// </summary>
public sealed class ClientApiTests
{
    [Fact]
    public async Task LookupsAndAQuorumSignedTrailFromRunningValidators()
    {
        using var cluster = new ProcessCluster(4);
        var root = cluster.Directory.Path;
        var config = NodeConfig.Load(NetworkLayout.ConfigPath(root, 0));
        var chainId = config.Genesis().ChainId;
        var agency = Sm2PrivateKey.FromPem(File.ReadAllText(Path.Combine(NetworkLayout.ValidatorDirectory(root, 0), "agency.key.pem")));
        var bureau = Sm2PrivateKey.Generate();

        var register = LedgerTransaction.Sign(chainId, agency, 0, new RegisterParticipant("bureau-a", ParticipantRole.Bureau, bureau.PublicKey.ToUncompressed())).Encode();
        var reply = await SubmitUntilCommitted(cluster.Client(1), register);
        Assert.Equal(SubmitOutcome.Accepted, reply.Outcome);

        var participant = await cluster.Client(0).ParticipantAsync("bureau-a");
        Assert.Equal(ParticipantRole.Bureau, participant?.Role);
        Assert.Equal(Convert.ToHexStringLower(bureau.PublicKey.ToUncompressed()), participant?.PublicKeyHex);
        Assert.Equal("bureau-a", (await cluster.Client(2).ParticipantByKeyAsync(bureau.PublicKey.ToUncompressed()))?.Id);
        Assert.Equal(1UL, (await cluster.Client(3).ParticipantAsync("agency-0"))?.NextNonce);
        Assert.Null(await cluster.Client(0).ConsentAsync("no-such-consent"));

        var clients = Enumerable.Range(0, cluster.Size).Select(cluster.Client).ToArray();
        var trust = AuditTrustAnchor.Parse(File.ReadAllBytes(Path.Combine(root, "trust.txt")));
        var bundle = (await QuorumTrail.FetchAsync(clients, new TrailRequest(new TrailQuery(TrailIndex.Bureau, "bureau-a")), trust.ChainId, trust.Validators, new Sm2SignatureVerifier(), TimeSpan.FromSeconds(30))).Bundle;
        Assert.Single(bundle.Records);
        Assert.True(bundle.Head.Signatures.Length >= 3);
        Assert.Null(AuditVerifier.Verify(bundle, trust.ChainId, trust.Validators, new Sm2SignatureVerifier()));

        var single = (await cluster.Client(0).TrailAsync(new TrailRequest(new TrailQuery(TrailIndex.Bureau, "bureau-a")))).Bundle;
        Assert.NotNull(AuditVerifier.Verify(single, trust.ChainId, trust.Validators, new Sm2SignatureVerifier())); // one signature is no quorum

        // A few blocks later a block carries a head that 2f+1 validators signed with their votes; from then on one
        // validator's answer convinces the auditor.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var certified = (await cluster.Client(2).TrailAsync(new TrailRequest(new TrailQuery(TrailIndex.Bureau, "bureau-a"), Certified: true))).Bundle;
        while (certified.Records.IsEmpty && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            certified = (await cluster.Client(2).TrailAsync(new TrailRequest(new TrailQuery(TrailIndex.Bureau, "bureau-a"), Certified: true))).Bundle;
        }

        Assert.Single(certified.Records);
        Assert.True(certified.Head.Signatures.Length >= 3);
        Assert.Null(AuditVerifier.Verify(certified, trust.ChainId, trust.Validators, new Sm2SignatureVerifier()));

        // The time index over gRPC, one record a page, each page under a quorum that also signs it left nothing out:
        // genesis and the registration above.
        var everything = new TrailQuery(TrailIndex.Time, TrailQuery.FormatInterval(DateTimeOffset.UnixEpoch, DateTimeOffset.UtcNow.AddHours(1)));
        var whole = (await QuorumTrail.FetchAsync(clients, new TrailRequest(everything), trust.ChainId, trust.Validators, new Sm2SignatureVerifier(), TimeSpan.FromSeconds(30))).Bundle.Records.Select(r => r.Proof.LeafIndex).ToList();
        Assert.True(whole.Count >= 2);
        var paged = new List<long>();
        var query = new TrailQuery(everything.Index, everything.Key, 0, 1);
        while (true)
        {
            var page = await QuorumTrail.FetchAsync(clients, new TrailRequest(query, Attested: true), trust.ChainId, trust.Validators, new Sm2SignatureVerifier(), TimeSpan.FromSeconds(30));
            Assert.Null(AuditVerifier.Verify(page.Bundle, trust.ChainId, trust.Validators, new Sm2SignatureVerifier()));
            Assert.True(page.Bundle.Completeness!.Signatures.Length >= 3);
            Assert.Equal(page.NextFromLeaf ?? page.Bundle.Head.Head.TreeSize, page.Bundle.Completeness.EndLeaf);
            paged.Add(Assert.Single(page.Bundle.Records).Proof.LeafIndex);
            if (page.NextFromLeaf is not { } next)
            {
                break;
            }

            query = query.StartingAt(next);
        }

        Assert.Equal(whole, paged);
    }

    [Fact]
    public async Task ManySubmissionsOnOneStreamAreEachAnsweredWhenTheyCommit()
    {
        using var cluster = new ProcessCluster(4);
        var chainId = NodeConfig.Load(NetworkLayout.ConfigPath(cluster.Directory.Path, 0)).Genesis().ChainId;
        await WaitUntilServing(cluster.Client(3));
        var keys = Enumerable.Range(0, 6).Select(_ => Sm2PrivateKey.Generate()).ToArray();
        var transactions = keys.Select((k, i) => LedgerTransaction.Sign(chainId, k, 0, new RegisterParticipant($"streamed-{i}", ParticipantRole.Subject, k.PublicKey.ToUncompressed())).Encode()).ToArray();
        transactions[5][^1] ^= 1; // the last bytes are the signature

        await using (var stream = cluster.Client(3).OpenSubmitStream())
        {
            var replies = await Task.WhenAll(transactions.Select(tx => stream.SubmitAsync(tx)));
            Assert.All(replies[..5], r => Assert.Equal(SubmitOutcome.Accepted, r.Outcome));
            Assert.Equal(5, replies[..5].Select(r => r.Leaf).Distinct().Count());
            Assert.Equal(SubmitOutcome.Rejected, replies[5].Outcome);
            Assert.Equal("signature does not verify", replies[5].Reason);
            Assert.Equal(-1, replies[5].Height); // refused at admission: it never entered a block
        }

        Assert.Equal(ParticipantRole.Subject, (await cluster.Client(0).ParticipantAsync("streamed-4"))?.Role);
        Assert.Null(await cluster.Client(0).ParticipantAsync("streamed-5"));

        // A message that cannot be a transaction ends the stream as a unary submission would be refused.
        await using var refused = cluster.Client(2).OpenSubmitStream();
        var error = await Assert.ThrowsAsync<RpcException>(() => refused.SubmitAsync([]));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("a transaction is 1..", error.Status.Detail, StringComparison.Ordinal);
    }

    private static async Task WaitUntilServing(LedgerClient client)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            try
            {
                if ((await client.StatusAsync()).Height >= 1)
                {
                    return;
                }
            }
            catch (RpcException)
            {
                // The validators are still starting.
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the validators did not commit a block within a minute");
    }

    private static async Task<SubmitReply> SubmitUntilCommitted(LedgerClient client, byte[] tx)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var reply = await client.SubmitAsync(tx);
                if (reply.Outcome is SubmitOutcome.Accepted or SubmitOutcome.Rejected || attempt > 30)
                {
                    return reply;
                }
            }
            catch (RpcException) when (attempt < 60)
            {
                // The validators are still starting.
            }

            await Task.Delay(500);
        }
    }
}
