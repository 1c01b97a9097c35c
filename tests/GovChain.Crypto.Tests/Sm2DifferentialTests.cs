using System.Security.Cryptography;
using GovChain.Crypto.Sm2Fast;
using GovChain.TestSupport;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Security;

namespace GovChain.Crypto.Tests;

/// <summary>
/// GovChain's own SM2 field, curve and signature code against BouncyCastle's SM2Signer, SM2Engine and ECPoint, on random
/// and edge-case inputs. BouncyCastle costs about a millisecond per judgement, so the default suite shares 100,000 SM2
/// cases among signatures, encryption and base-point multiplication; the soak target runs 10,000,000.
/// </summary>
public sealed class Sm2DifferentialTests
{
    private const int Cases = DifferentialCases.Default;
    private static readonly ECDomainParameters Domain = Sm2Curve.Domain;

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
    public void Sign_and_verify_agree_with_bouncycastle() => DifferentialCases.Run(Cases * 2 / 5, SignVerifyCase);

    [Fact]
    public void Encrypt_and_decrypt_agree_with_bouncycastle() => DifferentialCases.Run(Cases / 5, EncryptionCase);

    [Fact]
    public void Scalar_multiplication_agrees_with_bouncycastle() => DifferentialCases.Run(Cases * 2 / 5, ScalarCase);

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public void Soak_ten_million_cases()
    {
        DifferentialCases.Run(DifferentialCases.Soak / 3, SignVerifyCase);
        DifferentialCases.Run(DifferentialCases.Soak / 3, EncryptionCase);
        DifferentialCases.Run(DifferentialCases.Soak / 3, ScalarCase);
    }

    private static void SignVerifyCase(Random random)
    {
        var key = Sm2PrivateKey.FromScalar(RandomScalarBytes(random));
        var message = new byte[random.Next(0, 300)];
        random.NextBytes(message);
        var bcPrivate = new ECPrivateKeyParameters(new BigInteger(1, key.ExportScalar()), Domain);
        var bcPublic = new ECPublicKeyParameters(Domain.Curve.DecodePoint(key.PublicKey.ToUncompressed()), Domain);

        // Ours verified by BouncyCastle.
        var ours = key.SignData(message);
        var verifier = new SM2Signer();
        verifier.Init(false, bcPublic);
        verifier.BlockUpdate(message);
        Assert.True(verifier.VerifySignature(ours.ToDer()), "BouncyCastle rejected our signature");

        // BouncyCastle's verified by ours, and a one-bit change rejected.
        var signer = new SM2Signer();
        signer.Init(true, new ParametersWithRandom(bcPrivate, new SecureRandom()));
        signer.BlockUpdate(message);
        var theirs = Sm2Signature.FromDer(signer.GenerateSignature());
        Assert.True(key.PublicKey.VerifyData(message, theirs), "we rejected BouncyCastle's signature");
        var raw = theirs.ToRaw();
        raw[random.Next(64)] ^= (byte)(1 << random.Next(8));
        Assert.False(key.PublicKey.VerifyData(message, Sm2Signature.FromRaw(raw)));
    }

    private static void EncryptionCase(Random random)
    {
        var key = Sm2PrivateKey.FromScalar(RandomScalarBytes(random));
        var message = new byte[random.Next(1, 200)];
        random.NextBytes(message);
        var bcPublic = new ECPublicKeyParameters(Domain.Curve.DecodePoint(key.PublicKey.ToUncompressed()), Domain);
        var bcPrivate = new ECPrivateKeyParameters(new BigInteger(1, key.ExportScalar()), Domain);

        var engine = new SM2Engine(SM2Engine.Mode.C1C3C2);
        engine.Init(false, bcPrivate);
        var ours = key.PublicKey.Encrypt(message).Encode();
        Assert.Equal(message, engine.ProcessBlock(ours, 0, ours.Length));

        engine.Init(true, new ParametersWithRandom(bcPublic, new SecureRandom()));
        var theirs = engine.ProcessBlock(message, 0, message.Length);
        Assert.Equal(message, key.Decrypt(Sm2Ciphertext.Decode(theirs)));
    }

    private static void ScalarCase(Random random)
    {
        var k = RandomScalarBytes(random);
        var kb = new BigInteger(1, k);
        Assert.Equal(Hex(Domain.G.Multiply(kb).Normalize().GetEncoded(false)), Hex(Sm2FastOperations.MultiplyBase(k)));
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

    private static string Hex(byte[] b) => Convert.ToHexStringLower(b);
}
