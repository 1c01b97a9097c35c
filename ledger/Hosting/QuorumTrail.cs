using System.Buffers.Binary;
using System.Collections.Immutable;
using GovChain.Ledger.Codec;
using GovChain.Ledger.Consensus;
using GovChain.Ledger.Transparency;
using GovChain.Ledger.Transport;

namespace GovChain.Ledger.Hosting;

/// <summary>
/// Gathers a trail page whose tree head a quorum signed, from running validators: each validator signs only its own
/// current head, so the page is asked of every validator until 2f+1 of them answer with the same head (same size, root,
/// block height and hash) and the same page (the same records at the same leaves, the same next leaf); their
/// signatures are merged. An answer counts only if every signature it carries verifies and one is its own validator's,
/// so a faulty validator can neither drop records from a page nor spoil the merged head; the same holds for the
/// validators' completeness statements when the request asks for them. Honest validators commit the
/// same blocks, so they agree as soon as they have caught up; under a steady stream of commits this takes a few rounds.
/// </summary>
public static class QuorumTrail
{
    /// <param name="validators">One client per validator, in validator order.</param>
    public static async Task<TrailPage> FetchAsync(
        IReadOnlyList<LedgerClient> validators,
        TrailRequest request,
        Hash32 chainId,
        ValidatorSet validatorSet,
        ISignatureVerifier verifier,
        TimeSpan timeout,
        CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(validators);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validatorSet);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        deadline.CancelAfter(timeout);
        var attempt = 0;
        while (true)
        {
            var answers = await Task.WhenAll(validators.Select(v => TryTrailAsync(v, request, deadline.Token))).ConfigureAwait(false);
            if (Agree(answers, request.Attested, chainId, validatorSet, verifier) is { } page)
            {
                return page;
            }

            if (deadline.IsCancellationRequested)
            {
                cancel.ThrowIfCancellationRequested();
                throw new TimeoutException($"fewer than {validatorSet.Quorum} validators agreed on a tree head and trail page within {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * ++attempt, 500)), deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The merged page of 2f+1 agreeing, correctly signed answers (answer i from validator i), or null. When
    /// <paramref name="attested"/>, an answer counts only with its validator's completeness statement, and the
    /// statements' signatures are merged too.
    /// </summary>
    internal static TrailPage? Agree(IReadOnlyList<TrailPage?> answers, bool attested, Hash32 chainId, ValidatorSet validatorSet, ISignatureVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(validatorSet);
        ArgumentNullException.ThrowIfNull(verifier);
        var agreeing = answers
            .Select((page, validator) => (Page: page!, Validator: validator))
            .Where(a => a.Page is not null && SignedBy(a.Page, a.Validator, attested, chainId, validatorSet, verifier))
            .GroupBy(a => (a.Page.Bundle.Head.Head, Content(a.Page), Statement(a.Page, attested)))
            .MaxBy(g => g.Count());
        if (agreeing is null || agreeing.Count() < validatorSet.Quorum)
        {
            return null;
        }

        var pages = agreeing.Select(a => a.Page).ToList();
        var bundle = pages[0].Bundle with { Head = new SignedTreeHead(pages[0].Bundle.Head.Head, Merge(pages.Select(p => p.Bundle.Head.Signatures))) };
        if (attested)
        {
            bundle = bundle with { Completeness = bundle.Completeness! with { Signatures = Merge(pages.Select(p => p.Bundle.Completeness!.Signatures)) } };
        }

        return pages[0] with { Bundle = bundle };
    }

    private static ImmutableArray<ValidatorSignature> Merge(IEnumerable<ImmutableArray<ValidatorSignature>> lists) =>
        [.. lists.SelectMany(l => l).DistinctBy(s => s.Validator).OrderBy(s => s.Validator)];

    private static bool SignedBy(TrailPage page, int validator, bool attested, Hash32 chainId, ValidatorSet validatorSet, ISignatureVerifier verifier)
    {
        var head = page.Bundle.Head.Head;
        if (!SignedBy(page.Bundle.Head.Signatures, validator, head.SigningPayload(chainId), validatorSet, verifier))
        {
            return false;
        }

        if (!attested)
        {
            return true;
        }

        var statement = page.Bundle.Completeness;
        var leaves = page.Bundle.Records.Select(r => r.Proof.LeafIndex).ToList();
        return statement is not null && SignedBy(
            statement.Signatures,
            validator,
            TrailAttestation.SigningPayload(chainId, head, statement.Index, statement.Key, statement.FromLeaf, statement.EndLeaf, leaves),
            validatorSet,
            verifier);
    }

    private static bool SignedBy(ImmutableArray<ValidatorSignature> signatures, int validator, byte[] payload, ValidatorSet validatorSet, ISignatureVerifier verifier) =>
        signatures.Any(s => s.Validator == validator) &&
        signatures.All(s => s.Validator < validatorSet.Count && verifier.Verify(validatorSet.PublicKeys[s.Validator], payload, s.Signature));

    /// <summary>What a completeness statement says, apart from who signed it (empty when none was asked for).</summary>
    private static (Storage.TrailIndex, string, long, long) Statement(TrailPage page, bool attested) =>
        attested && page.Bundle.Completeness is { } c ? (c.Index, c.Key, c.FromLeaf, c.EndLeaf) : default;

    /// <summary>SM3 over each record's leaf and SM3, and the next leaf: equal for two answers with the same records.</summary>
    private static Hash32 Content(TrailPage page)
    {
        var records = page.Bundle.Records;
        var bytes = new byte[(records.Length * (8 + Hash32.Size)) + 9];
        var at = 0;
        foreach (var record in records)
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at), record.Proof.LeafIndex);
            Hash32.Compute(record.Record).CopyTo(bytes.AsSpan(at + 8));
            at += 8 + Hash32.Size;
        }

        bytes[at] = page.NextFromLeaf is null ? (byte)0 : (byte)1;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(at + 1), page.NextFromLeaf ?? 0);
        return Hash32.Compute(bytes);
    }

    private static async Task<TrailPage?> TryTrailAsync(LedgerClient validator, TrailRequest request, CancellationToken cancel)
    {
        try
        {
            return await validator.TrailAsync(request, cancel).ConfigureAwait(false);
        }
        catch (Grpc.Core.RpcException)
        {
            return null;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return null;
        }
    }
}
