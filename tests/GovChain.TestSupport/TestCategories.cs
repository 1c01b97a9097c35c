namespace GovChain.TestSupport;

/// <summary>Trait values. The default test command excludes <see cref="Soak"/> and <see cref="Bench"/>.</summary>
public static class TestCategories
{
    public const string Key = "Category";
    public const string Soak = "Soak";
    public const string Bench = "Bench";
}
