namespace GovChain.Ledger.Application;

/// <summary>What a registered participant may do (ARCHITECTURE §1).</summary>
public enum ParticipantRole : byte
{
    Agency = 1,
    Bureau = 2,
    Subject = 3,
    Auditor = 4,
}
