using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.Infrastructure;

/// <summary>
/// Finds ../shared/fixtures next to the repository root (the folder holding IntegrationHub.sln). With
/// <c>--artifacts-path</c> outside the repository the binary has no such ancestor, so the walk also starts from
/// this source file's compile-time path. Fixtures are read where they stand, never copied.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(Locate);

    public static string Directory => Root.Value;

    public static JsonNode Load(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, relativePath))) ?? throw new InvalidDataException(relativePath);

    private static string Locate()
    {
        string[] starts = [AppContext.BaseDirectory, Path.GetDirectoryName(SourcePath()) ?? ""];
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
                {
                    var fixtures = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "fixtures"));
                    if (System.IO.Directory.Exists(fixtures)) return fixtures;
                }
            }
        }

        throw new DirectoryNotFoundException($"No folder above {string.Join(" or ", starts)} holds IntegrationHub.sln with ../shared/fixtures.");
    }

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
