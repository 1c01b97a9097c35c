using System.Runtime.Intrinsics.X86;
using GovChain.Crypto.Sm4Fast;
using GovChain.TestSupport;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Paddings;
using Org.BouncyCastle.Crypto.Parameters;

namespace GovChain.Crypto.Tests;

/// <summary>Our SM3 and every SM4 kernel and mode against BouncyCastle's SM3Digest and SM4Engine.</summary>
public sealed class Sm3Sm4DifferentialTests
{
    [Fact]
    public void Simd_kernels_are_active_where_the_cpu_has_them()
    {
        // The self-check at start-up disables a kernel whose derived S-box disagrees with the table; that must not happen.
        Assert.Equal(Aes.IsSupported && Ssse3.IsSupported, Sm4AesNi.IsSupported);
        Assert.Equal(Gfni.V256.IsSupported && Avx2.IsSupported, Sm4Gfni.IsSupported);
    }

    [Fact]
    public void Sm3_agrees_one_shot_and_incremental() => DifferentialCases.Run(DifferentialCases.Default, Sm3Case);

    [Fact]
    public void Sm4_kernels_agree_block_by_block() => DifferentialCases.Run(DifferentialCases.Default, KernelCase);

    [Theory]
    [InlineData(Sm4Mode.Ecb)]
    [InlineData(Sm4Mode.Cbc)]
    [InlineData(Sm4Mode.Ctr)]
    [InlineData(Sm4Mode.Gcm)]
    public void Sm4_mode_agrees_for_lengths_0_to_4096(Sm4Mode mode) => DifferentialCases.Run(DifferentialCases.Default, random => ModeCase(random, mode));

    [Fact]
    [Trait(TestCategories.Key, TestCategories.Soak)]
    public void Soak_ten_million_cases()
    {
        DifferentialCases.Run(DifferentialCases.Soak, Sm3Case);
        DifferentialCases.Run(DifferentialCases.Soak, KernelCase);
        foreach (var mode in Enum.GetValues<Sm4Mode>())
        {
            DifferentialCases.Run(DifferentialCases.Soak / 4, random => ModeCase(random, mode));
        }
    }

    private static void Sm3Case(Random random)
    {
        var message = new byte[random.Next(3) == 0 ? random.Next(0, 5000) : random.Next(0, 200)];
        random.NextBytes(message);
        var digest = new SM3Digest();
        digest.BlockUpdate(message);
        var expected = new byte[32];
        digest.DoFinal(expected);
        Assert.Equal(expected, Sm3.HashData(message));

        using var hasher = new Sm3Hasher();
        var offset = 0;
        while (offset < message.Length)
        {
            var take = Math.Min(random.Next(0, 130), message.Length - offset);
            hasher.Append(message.AsSpan(offset, take));
            offset += take;
        }

        Assert.Equal(expected, hasher.GetHashAndReset());
    }

    /// <summary>Eight random blocks through each available kernel (GFNI, AES-NI, portable), encryption and decryption.</summary>
    private static void KernelCase(Random random)
    {
        var key = Bytes(random, 16);
        var blocks = Bytes(random, 128);
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var expected = new byte[128];
        for (var i = 0; i < 128; i += 16)
        {
            engine.ProcessBlock(blocks, i, expected, i);
        }

        var encrypt = new uint[32];
        var decrypt = new uint[32];
        Sm4KeySchedule.Expand(key, encrypt, decrypt);
        var output = new byte[128];
        if (Sm4Gfni.IsSupported)
        {
            Sm4Gfni.Process(encrypt, blocks, output);
            Assert.Equal(expected, output);
            Sm4Gfni.Process(decrypt, expected, output);
            Assert.Equal(blocks, output);
        }

        if (Sm4AesNi.IsSupported)
        {
            Sm4AesNi.Process(encrypt, blocks, output);
            Sm4AesNi.Process(encrypt, blocks.AsSpan(64), output.AsSpan(64));
            Assert.Equal(expected, output);
        }

        for (var i = 0; i < 128; i += 16)
        {
            Sm4Portable.ProcessBlock(encrypt, blocks.AsSpan(i), output.AsSpan(i));
        }

        Assert.Equal(expected, output);
    }

    public enum Sm4Mode
    {
        Ecb,
        Cbc,
        Ctr,
        Gcm,
    }

    private static void ModeCase(Random random, Sm4Mode mode)
    {
        var key = Bytes(random, 16);
        var iv = Bytes(random, 16);
        // Half the lengths short (where padding and partial blocks matter most), half anywhere up to 4 KiB.
        var data = Bytes(random, random.Next(2) == 0 ? random.Next(0, 80) : random.Next(0, 4097));
        switch (mode)
        {
            case Sm4Mode.Ecb:
                Assert.Equal(Reference(new PaddedBufferedBlockCipher(new SM4Engine(), new Pkcs7Padding()), new KeyParameter(key), data), Sm4.EncryptEcb(key, data));
                Assert.Equal(data, Sm4.DecryptEcb(key, Sm4.EncryptEcb(key, data)));
                break;
            case Sm4Mode.Cbc:
                var cbc = Reference(new PaddedBufferedBlockCipher(new CbcBlockCipher(new SM4Engine()), new Pkcs7Padding()), new ParametersWithIV(new KeyParameter(key), iv), data);
                Assert.Equal(cbc, Sm4.EncryptCbc(key, iv, data));
                Assert.Equal(data, Sm4.DecryptCbc(key, iv, cbc));
                break;
            case Sm4Mode.Ctr:
                // Counters near 2^64 and 2^128 exercise the carry across the 64-bit halves.
                if (random.Next(4) == 0)
                {
                    iv.AsSpan(random.Next(2) == 0 ? 8 : 0, 8).Fill(0xFF);
                }

                Assert.Equal(Reference(new BufferedBlockCipher(new SicBlockCipher(new SM4Engine())), new ParametersWithIV(new KeyParameter(key), iv), data), Sm4.TransformCtr(key, iv, data));
                break;
            default:
                var nonce = Bytes(random, random.Next(4) == 0 ? random.Next(1, 40) : 12);
                var aad = Bytes(random, random.Next(0, 70));
                var gcm = new GcmBlockCipher(new SM4Engine());
                gcm.Init(true, new AeadParameters(new KeyParameter(key), 128, nonce, aad));
                var expected = new byte[gcm.GetOutputSize(data.Length)];
                var n = gcm.ProcessBytes(data, 0, data.Length, expected, 0);
                gcm.DoFinal(expected, n);
                Assert.Equal(expected, Sm4Gcm.Encrypt(key, nonce, data, aad));
                Assert.Equal(data, Sm4Gcm.Decrypt(key, nonce, expected, aad));
                expected[random.Next(expected.Length)] ^= (byte)(1 << random.Next(8));
                Assert.Throws<CryptoAuthenticationException>(() => Sm4Gcm.Decrypt(key, nonce, expected, aad));
                break;
        }
    }

    private static byte[] Reference(IBufferedCipher cipher, ICipherParameters parameters, byte[] data)
    {
        cipher.Init(true, parameters);
        return cipher.DoFinal(data);
    }

    private static byte[] Bytes(Random random, int length)
    {
        var b = new byte[length];
        random.NextBytes(b);
        return b;
    }
}
