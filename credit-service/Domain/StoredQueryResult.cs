using GovChain.Ledger.Codec;

namespace GovChain.CreditService.Domain;

/// <summary>
/// A computed query answer, kept so that a retry of the same query id gets the same ciphertext and the same ledger
/// record. <see cref="RequestFingerprint"/> binds it to the request (consent, subject, bureau, model, keys, weights);
/// <see cref="Height"/> and <see cref="Leaf"/> are the committed record's place once known (-1 before).
/// </summary>
public sealed record StoredQueryResult(
    string QueryId, Hash32 RequestFingerprint, Hash32 ModelHash, Hash32 InputHash, Hash32 OutputHash, byte[] EncryptedScore, long Height = -1, long Leaf = -1)
{
    private const string Tag = "GovChain.queryresult.v1";

    /// <summary>What makes two requests under one query id the same request.</summary>
    public static Hash32 Fingerprint(string consentId, string subject, string bureau, string modelId, Hash32 keyId, Hash32 inputHash)
    {
        var w = new CanonicalWriter();
        w.WriteString("GovChain.queryrequest.v1");
        w.WriteString(consentId);
        w.WriteString(subject);
        w.WriteString(bureau);
        w.WriteString(modelId);
        w.WriteHash(keyId);
        w.WriteHash(inputHash);
        return Hash32.Compute(w.WrittenSpan);
    }

    /// <summary>Canonical body followed by its SM3, so a damaged file is detected on read.</summary>
    public byte[] Encode()
    {
        var w = new CanonicalWriter(EncryptedScore.Length + 256);
        w.WriteString(Tag);
        w.WriteString(QueryId);
        w.WriteHash(RequestFingerprint);
        w.WriteHash(ModelHash);
        w.WriteHash(InputHash);
        w.WriteHash(OutputHash);
        w.WriteBytes(EncryptedScore);
        w.WriteInt64(Height);
        w.WriteInt64(Leaf);
        w.WriteHash(Hash32.Compute(w.WrittenSpan));
        return w.ToArray();
    }

    /// <exception cref="BlobIntegrityException">The bytes are damaged or not a stored result.</exception>
    public static StoredQueryResult Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Hash32.Size || Hash32.Compute(bytes[..^Hash32.Size]) != new Hash32(bytes[^Hash32.Size..]))
        {
            throw new BlobIntegrityException("a stored query result is damaged");
        }

        try
        {
            var r = new CanonicalReader(bytes[..^Hash32.Size]);
            if (r.ReadString(64) != Tag)
            {
                throw new BlobIntegrityException("a stored query result has an unknown format");
            }

            var result = new StoredQueryResult(r.ReadString(1024), r.ReadHash(), r.ReadHash(), r.ReadHash(), r.ReadHash(), r.ReadBytes(int.MaxValue), r.ReadInt64(), r.ReadInt64());
            r.EnsureEnd();
            return Hash32.Compute(result.EncryptedScore) == result.OutputHash
                ? result
                : throw new BlobIntegrityException($"stored result of query {result.QueryId} does not match its output hash");
        }
        catch (GovChain.Ledger.LedgerFormatException ex)
        {
            throw new BlobIntegrityException("a stored query result is malformed: " + ex.Message, ex);
        }
    }
}
