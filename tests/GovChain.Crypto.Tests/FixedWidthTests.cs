namespace GovChain.Crypto.Tests;

/// <summary>Scalars and coordinates with leading zero bytes keep their 32-byte width (a bug sm-crypto caught once).</summary>
public sealed class FixedWidthTests
{
    [Fact]
    public void Short_scalar_round_trips_through_hex_pem_and_pkcs8()
    {
        var scalar = new byte[32];
        scalar[30] = 0x12;
        scalar[31] = 0x34;
        var key = Sm2PrivateKey.FromScalar(scalar);
        Assert.Equal(scalar, key.ExportScalar());
        Assert.Equal(scalar, Sm2PrivateKey.FromPem(key.ExportPem()).ExportScalar());
        Assert.Equal(64, Hex.Encode(key.ExportScalar()).Length);
    }

    [Fact]
    public void Signature_with_a_leading_zero_byte_round_trips()
    {
        var key = Sm2PrivateKey.Generate();
        for (var i = 0; i < 20_000; i++)
        {
            var message = BitConverter.GetBytes(i);
            var signature = key.SignData(message);
            if (signature.R[0] != 0 && signature.S[0] != 0)
            {
                continue;
            }

            Assert.True(key.PublicKey.VerifyData(message, Sm2Signature.FromRaw(signature.ToRaw())));
            Assert.True(key.PublicKey.VerifyData(message, Sm2Signature.FromDer(signature.ToDer())));
            return;
        }

        Assert.Fail("no signature with a leading zero byte in 20,000 tries (expected about 128)");
    }
}
