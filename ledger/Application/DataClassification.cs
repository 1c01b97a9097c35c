namespace GovChain.Ledger.Application;

/// <summary>The draft standard's data grading (5.3 d): core, important and general data have different controls.</summary>
public enum DataClassification : byte
{
    General = 1,
    Important = 2,
    Core = 3,
}
