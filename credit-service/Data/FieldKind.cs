namespace GovChain.CreditService.Data;

/// <summary>How a category field's value is written and stored.</summary>
public enum FieldKind
{
    /// <summary>A whole number within the field's range.</summary>
    Integer = 1,

    /// <summary>A calendar date stored as the number YYYYMMDD.</summary>
    Date = 2,

    /// <summary>Free text (a name); never a model feature.</summary>
    Text = 3,
}
