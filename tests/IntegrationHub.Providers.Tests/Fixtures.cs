using System.Runtime.CompilerServices;

namespace IntegrationHub.Providers.Tests;

/// <summary>
/// Finds the shared fixtures (../shared/fixtures next to the repository) by walking up from the test binary to the
/// folder holding IntegrationHub.sln. Fixtures are read where they stand, never copied or edited.
/// With <c>--artifacts-path</c> outside the repository the binary has no such ancestor, so the walk also starts from
/// this source file's compile-time path.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The fixtures folder.</summary>
    public static string Directory => Root.Value;

    /// <summary>A fixture's full path, from a path relative to the fixtures folder (<c>github/push.json</c>).</summary>
    public static string PathOf(string relativePath) => Path.Combine(Directory, relativePath);

    /// <summary>A fixture's bytes, exactly as stored.</summary>
    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    /// <summary>The webhook payloads of a provider folder: its top-level <c>*.json</c> (not <c>api/</c>), by file name.</summary>
    public static IReadOnlyList<string> WebhookFiles(string providerFolder) =>
        System.IO.Directory.GetFiles(PathOf(providerFolder), "*.json", SearchOption.TopDirectoryOnly)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Locate()
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(SourcePath()) ?? string.Empty];
        foreach (string start in starts.Where(s => s.Length > 0))
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
                {
                    string fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                    if (System.IO.Directory.Exists(fixtures))
                    {
                        return fixtures;
                    }
                }
            }
        }

        throw new DirectoryNotFoundException($"no folder above {string.Join(" or ", starts)} holds IntegrationHub.sln with ../shared/fixtures");
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
