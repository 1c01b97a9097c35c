using System.Diagnostics;
using GovChain.He;
using GovChain.He.Hashing;

namespace GovChain.Bench;

/// <summary>
/// `govchain bench he`: our BFV against node-seal (SEAL 4.1 in WebAssembly) in the same run, single-threaded on both
/// sides, with SEAL's default 128-bit parameters and a 20-bit batching plain modulus. Both sides report the best of
/// five timed rounds, the figure least disturbed by other load; rates are operations per second.
/// </summary>
public static class HeComparison
{
    public const int ModelFeatures = 50;

    public static IEnumerable<BenchLine> Run(int n, int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var seal = SealBench.Run(n, iterations);

        var context = new HeContext(EncryptionParameters.BfvDefault(n));
        var keygen = new KeyGenerator(context);
        var steps = new List<int> { 0 };
        for (var s = 1; s < n / 2; s <<= 1)
        {
            steps.Add(s);
        }

        var galoisKeys = keygen.CreateGaloisKeys(steps);
        var encryptor = new Encryptor(context, keygen.CreatePublicKey());
        var decryptor = new Decryptor(context, keygen.SecretKey);
        var evaluator = new Evaluator(context);
        var encoder = new BatchEncoder(context);
        // The same plaintexts as seal-bench.js.
        var plain = encoder.Encode(Enumerable.Range(0, n).Select(i => (ulong)(i * 7919 % 1000)).ToArray());
        var features = encoder.Encode(Enumerable.Range(1, ModelFeatures).Select(i => (ulong)i).ToArray());
        var encrypted = encryptor.Encrypt(plain);
        var sum = new Ciphertext(context.DataLevel, 2, isNttForm: false);

        var ours = new (string Name, int Iterations, Action Operation)[]
        {
            ("encrypt", iterations, () => encryptor.Encrypt(plain)),
            ("multiply_plain", iterations, () => evaluator.MultiplyPlain(encrypted, plain)),
            ("add", iterations * 10, () => evaluator.Add(encrypted, encrypted, sum)),
            ("rotate_rows", iterations, () => evaluator.RotateRows(encrypted, 1, galoisKeys)),
            ("decrypt", iterations, () => decryptor.Decrypt(encrypted)),
            // The whole dot of a 50-feature model: multiply_plain, then the sum of all slots (log2(n/2) row rotations and a column swap).
            ("dot50", Math.Max(1, iterations / 5), () => evaluator.SumSlots(evaluator.MultiplyPlain(encrypted, features), galoisKeys)),
        };
        foreach (var (name, count, operation) in ours)
        {
            if (!seal.TryGetValue(name, out var sealMs))
            {
                throw new InvalidOperationException($"seal-bench.js reported no figure for {name}");
            }

            yield return new BenchLine($"he-{name}-n{n}", 1000 / BestMilliseconds(count, operation), 1000 / sealMs, "seal", "ops/s");
        }
    }

    private static double BestMilliseconds(int iterations, Action operation)
    {
        // Half a second of warm-up lets tiered compilation reach its optimized code before anything is timed.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < 500)
        {
            operation();
        }

        var best = double.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++)
            {
                operation();
            }

            best = Math.Min(best, watch.Elapsed.TotalMilliseconds / iterations);
        }

        return best;
    }
}
