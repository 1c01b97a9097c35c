using GovChain.Zkp.Bn254.Fields;

namespace GovChain.Zkp.Bn254;

/// <summary>
/// Pippenger buckets kept in affine coordinates. Additions are queued and run a batch at a time, sharing one field
/// inversion (Montgomery's trick), so an addition costs about 6 multiplications instead of the 11 of a mixed
/// Jacobian addition. A point whose bucket already has an addition in the current batch goes, by a mixed addition,
/// into that bucket's Jacobian overflow instead: waiting would stall on windows with few distinct digits (the top
/// window of a 254-bit scalar), where nearly every point lands in the same handful of buckets.
/// </summary>
internal sealed class AffineBuckets<TField>
    where TField : struct, IField<TField>
{
    private const int BatchCapacity = 1024;

    private readonly TField[] bucketX;
    private readonly TField[] bucketY;
    private readonly bool[] filled;

    /// <summary>The batch in which each bucket last had an addition queued.</summary>
    private readonly int[] queuedInBatch;
    private readonly int[] batchBucket = new int[BatchCapacity];
    private readonly TField[] batchX = new TField[BatchCapacity];
    private readonly TField[] batchY = new TField[BatchCapacity];
    private readonly TField[] numerator = new TField[BatchCapacity];
    private readonly TField[] denominator = new TField[BatchCapacity];
    private readonly TField[] prefix = new TField[BatchCapacity];

    /// <summary>Per bucket, the points that met a busy bucket; default(JacobianPoint) is infinity (Z = 0).</summary>
    private readonly JacobianPoint<TField>[] overflow;
    private int batch = 1;
    private int count;

    public AffineBuckets(int bucketCount)
    {
        bucketX = new TField[bucketCount];
        bucketY = new TField[bucketCount];
        filled = new bool[bucketCount];
        queuedInBatch = new int[bucketCount];
        overflow = new JacobianPoint<TField>[bucketCount];
    }

    /// <summary>bucket ← bucket + (x, y).</summary>
    public void Add(int bucket, in TField x, in TField y)
    {
        Queue(bucket, x, y);
        if (count == BatchCapacity)
        {
            RunBatch();
        }
    }

    /// <summary>Runs the additions still queued.</summary>
    public void Complete() => RunBatch();

    /// <summary>Σ (k+1)·bucket[first + k] over k &lt; length, as a running sum of suffix sums (call after <see cref="Complete"/>).</summary>
    public JacobianPoint<TField> WeightedSum(int first, int length)
    {
        var running = JacobianPoint<TField>.Infinity;
        var sum = JacobianPoint<TField>.Infinity;
        for (var k = first + length - 1; k >= first; k--)
        {
            if (filled[k])
            {
                running = running.AddMixed(bucketX[k], bucketY[k]);
            }

            running = running.Add(overflow[k]);

            sum = sum.Add(running);
        }

        return sum;
    }

    private void Queue(int bucket, in TField x, in TField y)
    {
        if (queuedInBatch[bucket] == batch)
        {
            overflow[bucket] = overflow[bucket].AddMixed(x, y);
            return;
        }

        if (!filled[bucket])
        {
            (bucketX[bucket], bucketY[bucket], filled[bucket]) = (x, y, true);
            return;
        }

        TField num, den;
        if (x.Equals(bucketX[bucket]))
        {
            if (!y.Equals(bucketY[bucket]))
            {
                filled[bucket] = false; // P + (−P)
                return;
            }

            // Doubling: λ = 3x² / 2y (y ≠ 0: neither group has points of order 2).
            var xx = x.Square();
            (num, den) = (xx.Double() + xx, y.Double());
        }
        else
        {
            (num, den) = (y - bucketY[bucket], x - bucketX[bucket]);
        }

        queuedInBatch[bucket] = batch;
        batchBucket[count] = bucket;
        batchX[count] = x;
        batchY[count] = y;
        numerator[count] = num;
        denominator[count] = den;
        count++;
    }

    /// <summary>λ = num/den for the whole batch with one inversion, then x3 = λ² − x1 − x2, y3 = λ(x1 − x3) − y1.</summary>
    private void RunBatch()
    {
        if (count == 0)
        {
            return;
        }

        var acc = TField.One;
        for (var i = 0; i < count; i++)
        {
            prefix[i] = acc;
            acc *= denominator[i];
        }

        var inverse = acc.Inverse();
        for (var i = count - 1; i >= 0; i--)
        {
            var lambda = numerator[i] * inverse * prefix[i];
            inverse *= denominator[i];
            var b = batchBucket[i];
            var x1 = bucketX[b];
            var x3 = lambda.Square() - x1 - batchX[i];
            bucketY[b] = (lambda * (x1 - x3)) - bucketY[b];
            bucketX[b] = x3;
        }

        count = 0;
        batch++;
    }
}
