using System.Runtime.CompilerServices;

namespace IntegrationHub.Tests.World;

/// <summary>Reads the shared webhook fixtures where they stand (../shared/fixtures next to the repository).</summary>
internal static class IngestFixtures
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(SourcePath())!); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "..", "shared", "fixtures");
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new DirectoryNotFoundException("../shared/fixtures not found above the test sources");
    });

    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Root.Value, relativePath));

    private static string SourcePath([CallerFilePath] string path = "") => path;
}
