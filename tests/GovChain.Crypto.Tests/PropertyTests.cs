using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace GovChain.Crypto.Tests;

/// <summary>Round trips as FsCheck properties over arbitrary messages, IDs and keys.</summary>
public sealed class PropertyTests
{
    private static readonly Sm2PrivateKey Key = Sm2PrivateKey.Generate();

    [Property(MaxTest = 60)]
    public bool Sign_then_verify(byte[] message, NonEmptyString id)
    {
        var idBytes = System.Text.Encoding.UTF8.GetBytes(id.Get);
        if (idBytes.Length > Sm2UserId.MaxLengthInBytes)
        {
            return true;
        }

        var signature = Key.SignData(message, idBytes);
        return Key.PublicKey.VerifyData(message, signature, idBytes)
            && Key.PublicKey.VerifyData(message, Sm2Signature.FromDer(signature.ToDer()), idBytes)
            && Key.PublicKey.VerifyData(message, Sm2Signature.FromRaw(signature.ToRaw()), idBytes)
            && !Key.PublicKey.VerifyData([.. message, 1], signature, idBytes);
    }

    [Property(MaxTest = 60)]
    public Property Encrypt_then_decrypt_in_every_mode(NonEmptyArray<byte> message)
    {
        var mode = (Sm2CipherMode)(message.Get.Length % 3);
        var ciphertext = Key.PublicKey.Encrypt(message.Get).Encode(mode);
        var back = Key.Decrypt(Sm2Ciphertext.Decode(ciphertext, mode));
        return back.AsSpan().SequenceEqual(message.Get).Label($"mode {mode}");
    }

    [Property(MaxTest = 20)]
    public bool Pem_round_trip()
    {
        var key = Sm2PrivateKey.Generate();
        var back = Sm2PrivateKey.FromPem(key.ExportPem());
        return back.ExportScalar().AsSpan().SequenceEqual(key.ExportScalar())
            && Sm2PublicKey.FromPem(key.PublicKey.ExportPem()).Equals(key.PublicKey)
            && Sm2PrivateKey.FromHex(Convert.ToHexString(key.ExportScalar())).PublicKey.Equals(key.PublicKey);
    }

    [Property(MaxTest = 100)]
    public bool Sm4_modes_round_trip(byte[] data, byte[] keySeed)
    {
        var key = System.Security.Cryptography.SHA256.HashData(keySeed)[..16];
        var iv = System.Security.Cryptography.SHA256.HashData(key)[..16];
        var nonce = iv[..12];
        return Sm4.DecryptEcb(key, Sm4.EncryptEcb(key, data)).AsSpan().SequenceEqual(data)
            && Sm4.DecryptCbc(key, iv, Sm4.EncryptCbc(key, iv, data)).AsSpan().SequenceEqual(data)
            && Sm4.TransformCtr(key, iv, Sm4.TransformCtr(key, iv, data)).AsSpan().SequenceEqual(data)
            && Sm4Gcm.Decrypt(key, nonce, Sm4Gcm.Encrypt(key, nonce, data, keySeed), keySeed).AsSpan().SequenceEqual(data);
    }

    [Property(MaxTest = 50)]
    public bool Kdf_is_a_prefix_family(byte[] secret, PositiveInt length)
    {
        var n = length.Get % 200;
        var longer = Sm3Kdf.DeriveKey(secret, n + 33);
        return Sm3Kdf.DeriveKey(secret, n).AsSpan().SequenceEqual(longer.AsSpan(0, n));
    }
}
