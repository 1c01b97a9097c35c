using System.Collections.Immutable;
using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Signing;
using GovChain.Ledger.Storage;
using GovChain.Ledger.Transparency;

namespace GovChain.CreditService.Ledger;

/// <summary>
/// The real system contracts (<see cref="AuditStateMachine"/>) and an SM3 transparency log in process, for unit tests:
/// every submission is its own block, committed at once at the time <paramref name="clock"/> gives. Trails carry a
/// tree head signed by the in-memory validators, so <see cref="AuditVerifier"/> checks them against <see cref="Trust"/>.
/// </summary>
public sealed class InMemoryAuditLedger : IAuditLedger
{
    private readonly Lock gate = new();
    private readonly Sm2PrivateKey agencyKey;
    private readonly Sm2PrivateKey[] validatorKeys;
    private readonly AuditStateMachine machine;
    private readonly MerkleTree log = new();
    private readonly List<byte[]> records = [];
    private readonly List<long> leafTimes = [];
    private readonly Dictionary<(TrailIndex, string), List<long>> trails = [];
    private readonly TimeProvider clock;
    private ulong height;

    public InMemoryAuditLedger(string agencyId, Sm2PrivateKey agencyKey, TimeProvider? clock = null, int validators = 4)
    {
        ArgumentNullException.ThrowIfNull(agencyKey);
        AgencyId = agencyId;
        this.agencyKey = agencyKey;
        this.clock = clock ?? TimeProvider.System;
        validatorKeys = [.. Enumerable.Range(0, validators).Select(_ => Sm2PrivateKey.Generate())];
        Trust = new AuditTrustAnchor("in-memory", new ValidatorSet(validatorKeys.Select(k => k.PublicKey.ToUncompressed())));
        machine = new AuditStateMachine(Trust.ChainId, new Sm2SignatureVerifier(), [(agencyId, agencyKey.PublicKey.ToUncompressed())]);
    }

    public string AgencyId { get; }

    /// <summary>The chain and validator set that trails verify against.</summary>
    public AuditTrustAnchor Trust { get; }

    /// <summary>Every submission so far, in order: lets tests assert that nothing partial was recorded.</summary>
    public int TransactionCount { get; private set; }

    /// <summary>Signs <paramref name="payload"/> with <paramref name="key"/> at its next nonce (as a wallet would) for <see cref="RelayAsync"/>.</summary>
    public byte[] SignAs(Sm2PrivateKey key, TransactionPayload payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (gate)
        {
            var nonce = machine.State.ParticipantByPublicKey(key.PublicKey.ToUncompressed())?.NextNonce ?? 0;
            return LedgerTransaction.Sign(Trust.ChainId, key, nonce, payload).Encode();
        }
    }

    public Task<LedgerReceipt> SubmitAsync(TransactionPayload payload, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        lock (gate)
        {
            return Task.FromResult(Commit(SignAs(agencyKey, payload)));
        }
    }

    public Task<LedgerReceipt> RelayAsync(byte[] signedTransaction, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(signedTransaction);
        lock (gate)
        {
            return Task.FromResult(Commit(signedTransaction));
        }
    }

    public Task<Participant?> ParticipantAsync(string id, CancellationToken cancel = default) => Read(s => s.Participant(id));

    public Task<Participant?> ParticipantByKeyAsync(byte[] publicKey, CancellationToken cancel = default) => Read(s => s.ParticipantByPublicKey(publicKey));

    public Task<ConsentRecord?> ConsentAsync(string id, CancellationToken cancel = default) => Read(s => s.Consent(id));

    public Task<CredentialRecord?> CredentialAsync(string id, CancellationToken cancel = default) => Read(s => s.Credential(id));

    public Task<QueryRecord?> QueryAsync(string id, CancellationToken cancel = default) => Read(s => s.Query(id));

    public Task<VerificationRecord?> VerificationAsync(string id, CancellationToken cancel = default) => Read(s => s.Verification(id));

    public Task<DenialRecord?> DenialAsync(string id, CancellationToken cancel = default) => Read(s => s.Denial(id));

    public Task<TrailPage> TrailAsync(TrailQuery query, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (gate)
        {
            var (from, to) = query.Interval;
            var trail = query.Index == TrailIndex.Time
                ? Enumerable.Range(0, records.Count).Where(l => leafTimes[l] >= from && leafTimes[l] < to).Select(l => (long)l)
                : trails.GetValueOrDefault((query.Index, query.Key)) ?? [];
            var (leaves, next) = query.PageOf(trail);
            var audited = leaves.Select(l => new AuditedRecord(records[(int)l], log.InclusionProof(l, log.Size))).ToImmutableArray();
            var signers = validatorKeys.Select((k, i) => ((ushort)i, (IConsensusSigner)new Sm2ConsensusSigner(k))).ToList();
            var head = Head();
            var complete = TrailAttestation.Sign(Trust.ChainId, head, query, leaves, next, signers);
            return Task.FromResult(new TrailPage(new AuditBundle(SignedTreeHead.Sign(head, Trust.ChainId, signers), audited, null, null, complete), next));
        }
    }

    public Task<LedgerStatus> StatusAsync(CancellationToken cancel = default)
    {
        lock (gate)
        {
            return Task.FromResult(new LedgerStatus((long)height, machine.State.ComputeRoot(), Head()));
        }
    }

    private Task<T?> Read<T>(Func<AuditState, T?> read)
        where T : class
    {
        lock (gate)
        {
            return Task.FromResult(read(machine.State));
        }
    }

    private LedgerReceipt Commit(byte[] transaction)
    {
        height++;
        TransactionCount++;
        var time = clock.GetUtcNow().ToUnixTimeSeconds();
        var result = machine.Apply(transaction, time);
        if (!result.Accepted)
        {
            return new LedgerReceipt(true, false, result.Reason, (long)height, -1);
        }

        var leaf = log.Append(transaction);
        records.Add(transaction);
        leafTimes.Add(time);
        foreach (var key in InMemoryTrailKeys.For(LedgerTransaction.Decode(transaction), machine.State))
        {
            if (!trails.TryGetValue(key, out var list))
            {
                trails[key] = list = [];
            }

            list.Add(leaf);
        }

        return new LedgerReceipt(true, true, result.Reason, (long)height, leaf);
    }

    private TreeHead Head() => new(log.Size, log.Root, height, Trust.ChainId);
}
