using GovChain.Crypto;
using GovChain.Ledger.Codec;
using GovChain.Wallet.Documents;
using GovChain.Zkp.Bn254.Fields;
using GovChain.Zkp.Poseidon;
using Xunit;

namespace GovChain.Wallet.Tests;

public sealed class CredentialTests
{
    [Fact]
    public void IssuedCredentialVerifiesAndOpens()
    {
        var credential = TestKeys.CreditProfile();
        var statement = credential.Statement;
        Assert.True(statement.VerifySignature());
        Assert.True(credential.VerifyOpening());
        Assert.Equal(TestKeys.Issuer.PublicKey.ToUncompressed(), statement.IssuerPublicKey);
        Assert.Equal(Hash32.Compute(statement.SigningBytes()), statement.ContentHash);

        // The commitment is circomlib's Poseidon over attributes ‖ salt (PoseidonHash is checked against circomlibjs in the zkp tests).
        Fr[] inputs = [.. credential.Attributes.Select(Fr.FromUInt64), Fr.Parse(credential.Salt)];
        Assert.Equal(PoseidonHash.Hash(inputs).ToString(), statement.Commitment);

        // The signature is a plain SM2 signature (default user ID) over the signed bytes.
        Assert.True(TestKeys.Issuer.PublicKey.VerifyData(statement.SigningBytes(), Sm2Signature.FromRaw(statement.Signature)));
    }

    [Fact]
    public void SaltsAreFreshAndBelowTheFieldModulus()
    {
        var salts = Enumerable.Range(0, 8).Select(_ => TestKeys.CreditProfile().Salt).ToArray();
        Assert.Equal(salts.Length, salts.Distinct().Count());
        Assert.All(salts, s => Assert.True(System.Numerics.BigInteger.Parse(s, System.Globalization.CultureInfo.InvariantCulture) < Fr.Modulus));
    }

    [Fact]
    public void SigningBytesStartWithTheTag()
    {
        var bytes = TestKeys.CreditProfile().Statement.SigningBytes();
        Assert.Equal("GovChain.credential.v1"u8.ToArray(), bytes[..22]);
    }

    [Fact]
    public void TamperedStatementsFailTheSignature()
    {
        var s = TestKeys.CreditProfile().Statement;
        var otherCommitment = TestKeys.CreditProfile(721).Statement.Commitment;
        CredentialStatement[] tampered =
        [
            new(s.Id + "x", s.Type, s.Issuer, s.IssuerPublicKey, s.Holder, s.Commitment, s.IssuedAt, s.Signature),
            new(s.Id, CredentialSchema.TaxArrears, s.Issuer, s.IssuerPublicKey, s.Holder, s.Commitment, s.IssuedAt, s.Signature),
            new(s.Id, s.Type, "agency-other", s.IssuerPublicKey, s.Holder, s.Commitment, s.IssuedAt, s.Signature),
            new(s.Id, s.Type, s.Issuer, TestKeys.Stranger.PublicKey.ToUncompressed(), s.Holder, s.Commitment, s.IssuedAt, s.Signature),
            new(s.Id, s.Type, s.Issuer, s.IssuerPublicKey, "citizen-2", s.Commitment, s.IssuedAt, s.Signature),
            new(s.Id, s.Type, s.Issuer, s.IssuerPublicKey, s.Holder, otherCommitment, s.IssuedAt, s.Signature),
            new(s.Id, s.Type, s.Issuer, s.IssuerPublicKey, s.Holder, s.Commitment, s.IssuedAt + 1, s.Signature),
            new(s.Id, s.Type, s.Issuer, s.IssuerPublicKey, s.Holder, s.Commitment, s.IssuedAt, Flip(s.Signature, 5)),
            new(s.Id, s.Type, s.Issuer, s.IssuerPublicKey, s.Holder, s.Commitment, s.IssuedAt, new byte[64]),
        ];
        Assert.All(tampered, t => Assert.False(t.VerifySignature()));
    }

    [Fact]
    public void WrongOpeningIsDetected()
    {
        var c = TestKeys.CreditProfile();
        var wrongScore = new Credential(c.Statement, [c.Attributes[0] + 1, .. c.Attributes.Skip(1)], c.Salt);
        var wrongSalt = new Credential(c.Statement, c.Attributes, (Fr.Parse(c.Salt) + Fr.One).ToString());
        Assert.False(wrongScore.VerifyOpening());
        Assert.False(wrongSalt.VerifyOpening());
    }

    [Fact]
    public void SchemaRulesAreEnforcedAtIssue()
    {
        Assert.Throws<WalletFormatException>(() => Credential.Issue(TestKeys.Issuer, "a", "c", "no-such-type", "h", [1], 0));
        Assert.Throws<WalletFormatException>(() => Credential.Issue(TestKeys.Issuer, "a", "c", CredentialSchema.CreditProfile, "h", [1, 2, 3], 0));
        Assert.Throws<WalletFormatException>(() => Credential.Issue(TestKeys.Issuer, "a", "c", CredentialSchema.BirthDate, "h", [20250230], 0));
        Assert.Throws<WalletFormatException>(() => Credential.Issue(TestKeys.Issuer, "a", "c", CredentialSchema.TaxArrears, "h", [2], 0));
        Assert.Throws<WalletFormatException>(() => Credential.Issue(TestKeys.Issuer, "a", "", CredentialSchema.TaxArrears, "h", [0], 0));
        Assert.Throws<WalletFormatException>(() => Credential.Issue(TestKeys.Issuer, "a", "c", CredentialSchema.TaxArrears, new string('h', 129), [0], 0));
        Assert.True(Credential.Issue(TestKeys.Issuer, "a", "c", CredentialSchema.BirthDate, "h", [20000229], 0).VerifyOpening());
    }

    [Fact]
    public void JsonRoundTripsAndRejectsMalformedInput()
    {
        var c = TestKeys.CreditProfile();
        var back = Credential.FromJson(c.ToJson());
        Assert.Equal(c.ToJson(), back.ToJson());
        Assert.True(back.Statement.VerifySignature());
        Assert.True(back.VerifyOpening());
        Assert.Equal(c.Statement.ToJson(), CredentialStatement.FromJson(c.Statement.ToJson()).ToJson());

        var json = c.Statement.ToJson();
        string[] malformed =
        [
            "", "{", "[]", "null", json.Replace("\"id\"", "\"ID\"", StringComparison.Ordinal),
            json.Replace("\"issuedAt\": " + c.Statement.IssuedAt, "\"issuedAt\": \"1\"", StringComparison.Ordinal),
            json.Replace(c.Statement.Commitment, "0" + c.Statement.Commitment, StringComparison.Ordinal),
            json.Replace(c.Statement.Commitment, "21888242871839275222246405745257275088548364400416034343698204186575808495617", StringComparison.Ordinal),
            json.Replace(Hex.Encode(c.Statement.Signature), Hex.Encode(c.Statement.Signature)[..126], StringComparison.Ordinal),
            json.Replace(Hex.Encode(c.Statement.IssuerPublicKey), "04" + new string('0', 128), StringComparison.Ordinal),
            json.Replace("\"type\": \"credit-profile\"", "\"type\": \"credit-profile\", \"type\": \"tax-arrears\"", StringComparison.Ordinal),
            json[..^2] + ", \"extra\": 1 }",
            json[..(json.Length / 2)],
        ];
        Assert.All(malformed, m => Assert.Throws<WalletFormatException>(() => CredentialStatement.FromJson(m)));

        var full = c.ToJson();
        Assert.Throws<WalletFormatException>(() => Credential.FromJson(full.Replace("\"salt\"", "\"pepper\"", StringComparison.Ordinal)));
        Assert.Throws<WalletFormatException>(() => Credential.FromJson(full.Replace("\"attributes\": [", "\"attributes\": [-1, ", StringComparison.Ordinal)));
    }

    [Fact]
    public void SealedCredentialOpensOnlyForTheHolder()
    {
        var credential = TestKeys.CreditProfile();
        var sealedCredential = SealedCredential.Seal(credential, TestKeys.Holder.PublicKey);
        Assert.Equal(credential.ToJson(), SealedCredential.Open(sealedCredential, TestKeys.Holder).ToJson());

        // The format is plain SM2 C1C3C2 of the credential JSON, so the crypto layer alone opens it too.
        var json = TestKeys.Holder.Decrypt(Sm2Ciphertext.Decode(sealedCredential, Sm2CipherMode.C1C3C2));
        Assert.Equal(credential.ToJson(), System.Text.Encoding.UTF8.GetString(json));

        Assert.Throws<WalletFormatException>(() => SealedCredential.Open(sealedCredential, TestKeys.Stranger));
        Assert.Throws<WalletFormatException>(() => SealedCredential.Open(Flip(sealedCredential, 100), TestKeys.Holder));
        Assert.Throws<WalletFormatException>(() => SealedCredential.Open(sealedCredential[..50], TestKeys.Holder));
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
