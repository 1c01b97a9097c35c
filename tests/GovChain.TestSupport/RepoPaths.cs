namespace GovChain.TestSupport;

/// <summary>Locates the checkout, so tests read vectors and peers wherever the test runner starts.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string Vectors => Path.Combine(Root, "vectors");

    public static string Peers => Path.Combine(Vectors, "peers");

    public static string Under(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GovChain.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GovChain.sln not found above " + AppContext.BaseDirectory);
    }
}
