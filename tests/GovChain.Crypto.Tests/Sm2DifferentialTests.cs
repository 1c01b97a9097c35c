using System.Security.Cryptography;
using GovChain.Crypto.Sm2Fast;
using GovChain.TestSupport;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;

namespace GovChain.Crypto.Tests;

/// <summary>
/// GovChain's own SM2 field, curve and signature code against BouncyCastle's SM2Signer, SM2Engine and fixed-point comb,
/// on random and edge-case inputs. BouncyCastle costs about a millisecond per judgement, so each case feeds both sides the
/// same k and compares bytes: one BouncyCastle operation judges our signing (or encryption) and our verification (or
/// decryption) of its output. The default suite runs 100,000 cases per primitive; the soak target 10,000,000.
/// </summary>
public sealed class Sm2DifferentialTests
{
    private const int Cases = DifferentialCases.Default;
    private static readonly ECDomainParameters Domain = Sm2Curve.Domain;
    private static readonly byte[] DefaultUserId = Sm2UserId.Default.ToArray();

    /// <summary>BouncyCastle's fixed-point comb, the multiplier its own signer uses for [k]G.</summary>
    private static readonly FixedPointCombMultiplier BaseMultiplier = new();

    public static IEnumerable<object[]> EdgeScalars()
    {
        var n = Domain.N;
        yield return [BigInteger.One];
        yield return [BigInteger.Two];
        yield return [BigInteger.ValueOf(15)];
        yield return [BigInteger.ValueOf(16)];
        yield return [n.Subtract(BigInteger.One)];
        yield return [n.Subtract(BigInteger.Two)];
        yield return [n.ShiftRight(1)];
        yield return [BigInteger.One.ShiftLeft(255)];
        yield return [BigInteger.One.ShiftLeft(128).Add(BigInteger.One)];
        yield return [new BigInteger("FFFFFFFF00000000000000000000000000000000000000000000000000000001", 16)];
        yield return [new BigInteger("8000000000000000000000000000000000000000000000000000000000000000", 16)];
        yield return [new BigInteger("0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF", 16)];
    }

    [Theory]
    [MemberData(nameof(EdgeScalars))]
    public void Edge_scalars_agree_for_base_variable_and_joint_multiplication(BigInteger k)
    {
        var expected = Domain.G.Multiply(k).Normalize();
        Assert.Equal(Hex(expected.GetEncoded(false)), Hex(Sm2FastOperations.MultiplyBase(Sm2Curve.ToFixed(k))));

        var p = Domain.G.Multiply(BigInteger.ValueOf(0x1234567)).Normalize();
        var xy = new byte[64];
        Sm2FastOperations.Multiply(p.GetEncoded(false), Sm2Curve.ToFixed(k), xy);
        Assert.Equal(Hex(p.Multiply(k).Normalize().GetEncoded(false)[1..]), Hex(xy));

        var jointExpected = ECAlgorithms.SumOfTwoMultiplies(Domain.G, k, p, k).Normalize();
        Assert.True(ScalarMultiplication.TryMultiplyAddVartime(U256.FromBigEndian(Sm2Curve.ToFixed(k)), U256.FromBigEndian(Sm2Curve.ToFixed(k)), Sm2FastOperations.VerificationTables(p.GetEncoded(false)), out var joint));
        Assert.True(joint.TryGetAffineX(out var x));
        var xBytes = new byte[32];
        x.WriteBigEndian(xBytes);
        Assert.Equal(Hex(jointExpected.AffineXCoord.GetEncoded()), Hex(xBytes));
    }

    /// <summary>Points whose x lies just below p (so every limb is near 2^64 - 1), with the larger of the two y.</summary>
    public static IEnumerable<object[]> HighLimbPoints()
    {
        var found = 0;
        for (var delta = 1; found < 6; delta++)
        {
            var x = Domain.Curve.FromBigInteger(Domain.Curve.Field.Characteristic.Subtract(BigInteger.ValueOf(delta)));
            var y = x.Square().Add(Domain.Curve.A).Multiply(x).Add(Domain.Curve.B).Sqrt();
            if (y is null)
            {
                continue;
            }

            var yValue = y.ToBigInteger();
            var other = Domain.Curve.Field.Characteristic.Subtract(yValue);
            found++;
            yield return [Domain.Curve.CreatePoint(x.ToBigInteger(), yValue.Max(other)).GetEncoded(false)];
        }
    }

    [Theory]
    [MemberData(nameof(HighLimbPoints))]
    public void Points_with_high_limbs_agree_for_variable_and_joint_multiplication(byte[] encoded)
    {
        var p = Domain.Curve.DecodePoint(encoded);
        Assert.True(p.IsValid());
        var random = new Random(encoded[^1]);
        var tables = Sm2FastOperations.VerificationTables(encoded);
        for (var i = 0; i < 20; i++)
        {
            var k = new BigInteger(1, RandomScalarBytes(random));
            var xy = new byte[64];
            Sm2FastOperations.Multiply(encoded, Sm2Curve.ToFixed(k), xy);
            Assert.Equal(Hex(p.Multiply(k).Normalize().GetEncoded(false)[1..]), Hex(xy));

            var s = new BigInteger(1, RandomScalarBytes(random));
            Assert.True(ScalarMultiplication.TryMultiplyAddVartime(U256.FromBigEndian(Sm2Curve.ToFixed(s)), U256.FromBigEndian(Sm2Curve.ToFixed(k)), tables, out var joint));
            Assert.True(joint.TryGetAffineX(out var x));
            var xBytes = new byte[32];
            x.WriteBigEndian(xBytes);
            Assert.Equal(Hex(ECAlgorithms.SumOfTwoMultiplies(Domain.G, s, p, k).Normalize().AffineXCoord.GetEncoded()), Hex(xBytes));
        }
    }

    [Fact]
    public void Signatures_with_the_same_k_are_identical_and_each_verifies_the_other() => DifferentialCases.Run(Cases, SignVerifyCase);

    [Fact]
    public void Ciphertexts_with_the_same_k_are_identical_and_each_decrypts_the_other() => DifferentialCases.Run(Cases, EncryptionCase);

    [Fact]
    public void Base_point_multiplication_agrees_with_bouncycastle() => DifferentialCases.Run(Cases, ScalarCase);

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public void Soak_ten_million_cases()
    {
        DifferentialCases.Run(DifferentialCases.Soak / 3, SignVerifyCase);
        DifferentialCases.Run(DifferentialCases.Soak / 3, EncryptionCase);
        DifferentialCases.Run(DifferentialCases.Soak / 3, ScalarCase);
    }

    /// <summary>
    /// One case judges signing and verification: BouncyCastle's SM2Signer and ours sign with the same k and must give
    /// the same DER bytes; ours must accept BouncyCastle's signature and reject it once mutated (a bit of r or s, the
    /// message, or the key). One case in eight also has BouncyCastle judge the mutation, and one in sixteen has it
    /// verify a signature of ours made with a fresh random k.
    /// </summary>
    private static void SignVerifyCase(Random random)
    {
        var key = Sm2PrivateKey.FromScalar(RandomScalarBytes(random));
        var message = Bytes(random, random.Next(0, 300));
        // Our API reads an empty ID as the default one, so other IDs have at least one byte.
        var userId = random.Next(4) == 0 ? Bytes(random, random.Next(1, 40)) : DefaultUserId;
        var k = RandomScalarBytes(random);
        var bcPublic = new ECPublicKeyParameters(Domain.Curve.DecodePoint(key.PublicKey.ToUncompressed()), Domain);
        var bcPrivate = new ECPrivateKeyParameters(new BigInteger(1, key.ExportScalar()), Domain);

        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithID(new ParametersWithRandom(bcPrivate, new FixedScalarRandom(k)), userId));
        signer.BlockUpdate(message);
        var theirs = signer.GenerateSignature();
        Assert.Equal(Hex(theirs), Hex(key.Sign(message, userId, new BigInteger(1, k)).ToDer()));

        var signature = Sm2Signature.FromDer(theirs);
        Assert.True(key.PublicKey.VerifyData(message, signature, userId), "we rejected BouncyCastle's signature");
        var (mutatedKey, mutatedMessage, mutatedSignature) = Mutate(random, key.PublicKey, message, signature);
        Assert.False(mutatedKey.VerifyData(mutatedMessage, mutatedSignature, userId), "we accepted a mutated signature");
        if (random.Next(8) == 0)
        {
            Assert.False(BouncyCastleVerifies(mutatedKey, mutatedMessage, mutatedSignature, userId), "BouncyCastle accepted a mutated signature");
        }

        if (random.Next(16) == 0)
        {
            Assert.True(BouncyCastleVerifies(key.PublicKey, message, key.SignData(message, userId), userId), "BouncyCastle rejected our signature");
        }
    }

    private static (Sm2PublicKey Key, byte[] Message, Sm2Signature Signature) Mutate(Random random, Sm2PublicKey key, byte[] message, Sm2Signature signature)
    {
        switch (random.Next(3))
        {
            case 0:
                var raw = signature.ToRaw();
                raw[random.Next(raw.Length)] ^= (byte)(1 << random.Next(8));
                return (key, message, Sm2Signature.FromRaw(raw));
            case 1:
                var altered = message.Length == 0 ? [0] : (byte[])message.Clone();
                if (message.Length > 0)
                {
                    altered[random.Next(altered.Length)] ^= (byte)(1 << random.Next(8));
                }

                return (key, altered, signature);
            default:
                return (Sm2PrivateKey.FromScalar(RandomScalarBytes(random)).PublicKey, message, signature);
        }
    }

    private static bool BouncyCastleVerifies(Sm2PublicKey key, byte[] message, Sm2Signature signature, byte[] userId)
    {
        var verifier = new SM2Signer();
        verifier.Init(false, new ParametersWithID(new ECPublicKeyParameters(Domain.Curve.DecodePoint(key.ToUncompressed()), Domain), userId));
        verifier.BlockUpdate(message);
        return verifier.VerifySignature(signature.ToDer());
    }

    /// <summary>
    /// One case judges encryption and decryption: SM2Engine and ours encrypt with the same k and must give the same
    /// bytes (in either layout), ours must decrypt BouncyCastle's ciphertext, and refuse it with one bit of C3 or C2 flipped.
    /// </summary>
    private static void EncryptionCase(Random random)
    {
        var key = Sm2PrivateKey.FromScalar(RandomScalarBytes(random));
        // One case in eight encrypts a single byte, whose t is all zero for one k in 256, so the retry rule is exercised.
        var message = Bytes(random, random.Next(8) == 0 ? 1 : random.Next(1, 200));
        // Several values of k, in case t = KDF(x2‖y2, |M|) is all zero (for a 1-byte message, one k in 256): the standard
        // draws k again, and ours must refuse each such k rather than encrypt with it.
        var ks = Enumerable.Range(0, 8).Select(_ => RandomScalarBytes(random)).ToArray();
        var (engineMode, mode) = random.Next(2) == 0 ? (SM2Engine.Mode.C1C3C2, Sm2CipherMode.C1C3C2) : (SM2Engine.Mode.C1C2C3, Sm2CipherMode.C1C2C3);
        var engine = new SM2Engine(engineMode);
        var bcPublic = new ECPublicKeyParameters(Domain.Curve.DecodePoint(key.PublicKey.ToUncompressed()), Domain);
        var source = new FixedScalarRandom(ks);
        engine.Init(true, new ParametersWithRandom(bcPublic, source));
        var theirs = engine.ProcessBlock(message, 0, message.Length);
        foreach (var refused in ks.Take(source.Draws - 1))
        {
            Assert.Throws<CryptoInputException>(() => Sm2Encryption.Encrypt(key.PublicKey, message, new BigInteger(1, refused)));
        }

        var k = ks[source.Draws - 1];
        Assert.Equal(Hex(theirs), Hex(Sm2Encryption.Encrypt(key.PublicKey, message, new BigInteger(1, k)).Encode(mode)));

        Assert.Equal(message, key.Decrypt(Sm2Ciphertext.Decode(theirs, mode)));
        theirs[random.Next(65, theirs.Length)] ^= (byte)(1 << random.Next(8));
        Assert.Throws<CryptoAuthenticationException>(() => key.Decrypt(Sm2Ciphertext.Decode(theirs, mode)));
    }

    private static void ScalarCase(Random random)
    {
        var k = RandomScalarBytes(random);
        var expected = BaseMultiplier.Multiply(Domain.G, new BigInteger(1, k)).Normalize();
        Assert.Equal(Hex(expected.GetEncoded(false)), Hex(Sm2FastOperations.MultiplyBase(k)));
    }

    /// <summary>Random scalars, a third of them with long runs of zero or one bits, all in [1, n-2].</summary>
    private static byte[] RandomScalarBytes(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        switch (random.Next(3))
        {
            case 0:
                var start = random.Next(1, 32);
                bytes.AsSpan(start, Math.Min(random.Next(0, 8), 32 - start)).Clear();
                break;
            case 1:
                bytes.AsSpan(random.Next(1, 32)).Fill(0);
                break;
        }

        var v = new BigInteger(1, bytes).Mod(Sm2Curve.NMinusOne.Subtract(BigInteger.One)).Add(BigInteger.One);
        return Sm2Curve.ToFixed(v);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);

    /// <summary>Hands BouncyCastle chosen values of k in turn: its k calculators draw a 256-bit big-endian integer from the random source.</summary>
    private sealed class FixedScalarRandom(params byte[][] scalars) : SecureRandom
    {
        public int Draws { get; private set; }

        public override void NextBytes(byte[] buf) => NextBytes(buf.AsSpan());

        public override void NextBytes(byte[] buf, int off, int len) => NextBytes(buf.AsSpan(off, len));

        public override void NextBytes(Span<byte> buffer)
        {
            // Running out means BouncyCastle rejected every k offered: fail rather than invent one.
            Assert.True(Draws < scalars.Length, "BouncyCastle asked for more values of k than the case offered");
            Assert.Equal(scalars[Draws].Length, buffer.Length);
            scalars[Draws++].CopyTo(buffer);
        }
    }
}
