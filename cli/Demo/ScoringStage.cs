using System.Diagnostics;
using System.Numerics;
using GovChain.He;
using GovChain.He.Hashing;

namespace GovChain.Cli.Demo;

/// <summary>
/// Encrypted credit scoring: the bureau encrypts its 50 model weights under its own BFV key; the agency computes the
/// score against the subject's features without seeing the weights; only the bureau decrypts, and only slot 0.
/// </summary>
internal static class ScoringStage
{
    private const int Features = 50;

    public static void Run(DemoReport report, Random synthetic)
    {
        const string Stage = "encrypted scoring (BFV)";
        var clock = Stopwatch.StartNew();
        var context = new HeContext(EncryptionParameters.BfvDefault(8192));
        var keys = new KeyGenerator(context);
        var publicKey = keys.CreatePublicKey();
        var galoisKeys = keys.CreateGaloisKeys();
        report.Add(Stage, "bureau: BFV keys (n = 8192, SEAL 4.1 format)", true,
            $"public key {publicKey.Save().Length / 1024} KiB, Galois keys {galoisKeys.Save().Length / 1024} KiB, {clock.ElapsedMilliseconds} ms");

        var t = context.PlainModulus.Value;
        var weights = Enumerable.Range(0, Features).Select(_ => (ulong)synthetic.Next(0, 100)).ToArray();
        var features = Enumerable.Range(0, Features).Select(_ => (ulong)synthetic.Next(0, 1000)).ToArray();
        var encoder = new BatchEncoder(context);
        var encryptedWeights = new Encryptor(context, publicKey).Encrypt(encoder.Encode(weights));
        report.Add(Stage, "bureau: encrypt 50 weights", true, $"ciphertext {encryptedWeights.Save().Length / 1024} KiB");

        clock.Restart();
        var scorer = new HomomorphicScorer(context, galoisKeys, publicKey);
        var encryptedScore = scorer.Score(encryptedWeights, features);
        report.Add(Stage, "agency: score on ciphertext, re-randomize", true, $"{clock.ElapsedMilliseconds} ms, features never leave the agency");

        var slots = encoder.Decode(new Decryptor(context, keys.SecretKey).Decrypt(encryptedScore));
        var expected = (ulong)(weights.Zip(features, (w, x) => new BigInteger(w) * x).Aggregate(BigInteger.Zero, (a, b) => a + b) % t);
        report.Add(Stage, "bureau: decrypt slot 0", slots[0] == expected, $"score {slots[0]} = Σ wᵢ·xᵢ mod t computed in the clear");
        var echoes = slots.Skip(1).Count(s => s == slots[0]);
        report.Add(Stage, "other slots masked", echoes < 8, $"{echoes} of {slots.Length - 1} other slots equal the score (uniform masks)");
    }
}
