using GovChain.Crypto;
using GovChain.Ledger.Application;
using GovChain.Ledger.Codec;

namespace GovChain.Wallet.Documents;

/// <summary>
/// Builds the subject-signed ledger transactions of the consent flow (ARCHITECTURE §3). It applies the contract's
/// stateless rules (AuditStateMachine) up front, so a consent the ledger would refuse fails here with a clear reason.
/// </summary>
public static class ConsentBuilder
{
    private const int MaxPurposeBytes = TransactionPayload.MaxIdBytes * 4;

    /// <summary>A grant; the categories are a set, so they are sorted (ordinal) and de-duplicated here.</summary>
    public static LedgerTransaction Grant(Sm2PrivateKey subjectKey, Hash32 chainId, ulong nonce, string consentId, string bureau, string purpose,
        IEnumerable<string> categories, DataClassification classification, long notBefore, long expires)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        ArgumentNullException.ThrowIfNull(categories);
        var set = categories.Select(c => WalletIds.Check(c, "data category")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (set.Length == 0)
        {
            throw new ConsentRuleException("a consent names at least one data category");
        }

        if (set.Length > TransactionPayload.MaxCategories)
        {
            throw new ConsentRuleException($"a consent names at most {TransactionPayload.MaxCategories} data categories, got {set.Length}");
        }

        if (notBefore >= expires)
        {
            throw new ConsentRuleException($"the consent window is empty (not before {notBefore}, expires {expires})");
        }

        var limit = classification switch
        {
            DataClassification.General => AuditStateMachine.MaxGeneralConsent,
            DataClassification.Important => AuditStateMachine.MaxImportantConsent,
            DataClassification.Core => throw new ConsentRuleException("core data is never shared under consent"),
            _ => throw new ConsentRuleException($"unknown data classification {(int)classification}"),
        };
        // Unsigned: notBefore < expires, so the difference is positive even where a signed one would overflow.
        if (unchecked((ulong)(expires - notBefore)) > (ulong)limit.TotalSeconds)
        {
            throw new ConsentRuleException($"{classification} data may be consented for at most {limit.TotalDays} days");
        }

        var payload = new GrantConsent(WalletIds.Check(consentId, "consent id"), WalletIds.Check(bureau, "bureau"),
            WalletIds.CheckText(purpose, "purpose", MaxPurposeBytes), set, classification, notBefore, expires);
        return LedgerTransaction.Sign(chainId, subjectKey, nonce, payload);
    }

    public static LedgerTransaction Revoke(Sm2PrivateKey subjectKey, Hash32 chainId, ulong nonce, string consentId)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        return LedgerTransaction.Sign(chainId, subjectKey, nonce, new RevokeConsent(WalletIds.Check(consentId, "consent id")));
    }

    /// <summary>A subject registers itself: its first transaction, so nonce 0.</summary>
    public static LedgerTransaction Register(Sm2PrivateKey subjectKey, Hash32 chainId, string participantId)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        var payload = new RegisterParticipant(WalletIds.Check(participantId, "participant id"), ParticipantRole.Subject, subjectKey.PublicKey.ToUncompressed());
        return LedgerTransaction.Sign(chainId, subjectKey, 0, payload);
    }
}
