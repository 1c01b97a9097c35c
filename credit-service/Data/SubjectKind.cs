namespace GovChain.CreditService.Data;

/// <summary>Who a subject ID belongs to: a citizen (resident ID number) or an enterprise (unified social credit code).</summary>
public enum SubjectKind
{
    Citizen = 1,
    Enterprise = 2,
}
