namespace BathroomAftersales.BrowserTests.Support;

/// <summary>Where screenshots go: <c>$BA_ARTIFACTS/screenshots</c>, or <c>&lt;repo&gt;/artifacts/screenshots</c>.</summary>
public static class Artifacts
{
    public const string EnvironmentVariable = "BA_ARTIFACTS";

    private static readonly Lazy<string> Folder = new(() =>
    {
        var root = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Path.Combine(RepositoryRoot(), "artifacts");
        }

        var folder = Path.Combine(Path.GetFullPath(root), "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    public static string ScreenshotFolder => Folder.Value;

    public static string Screenshot(string fileName) => Path.Combine(ScreenshotFolder, fileName);

    /// <summary>The folder holding BathroomAftersales.sln, found by walking up from the test binaries.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BathroomAftersales.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"BathroomAftersales.sln not found above {AppContext.BaseDirectory}; set {EnvironmentVariable}.");
    }
}
