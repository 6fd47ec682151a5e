using IntegrationHub.Providers;

namespace IntegrationHub.Tests.Architecture;

/// <summary>
/// The dependency rule of the README's architecture section: shared folders use no feature, a feature uses shared
/// folders only (never another feature), the composition root is used by nothing, and no folder cycle anywhere. Inside
/// the providers library and the simulator, a provider's folder uses the shared folders only and they name no provider.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>The hub's shared folders; every other folder but the composition root is a feature.</summary>
    private static readonly HashSet<string> HubShared =
        ["Addresses", "Api", "Audit", "Cleanup", "Dashboard", "Data", "Events", "Jobs", "Live", "ProviderAccess", "Secrets", "Settings", "Telemetry", "Tenancy", "Transport"];

    private const string CompositionRoot = "Hosting";

    private static readonly HashSet<string> ProviderFolders = [.. Enum.GetNames<ProviderKind>()];

    [Theory]
    [InlineData("src/IntegrationHub")]
    [InlineData("src/IntegrationHub.Providers")]
    [InlineData("src/IntegrationHub.ProviderSim")]
    public void No_folder_cycle(string project)
    {
        var cycles = SourceFolders.Read(Path.Combine(RepositoryRoot(), project)).Cycles();
        Assert.True(cycles.Count == 0, $"{project}: folders in a cycle: " + string.Join("; ", cycles.Select(c => string.Join(" <-> ", c))));
    }

    [Fact]
    public void Hub_features_use_shared_folders_only_and_nothing_uses_the_composition_root()
    {
        var folders = SourceFolders.Read(Path.Combine(RepositoryRoot(), "src/IntegrationHub"));
        var wrong = folders.Edges
            .SelectMany(e => e.Value.Select(to => (From: e.Key, To: to.Key, Names: to.Value)))
            .Where(e => e.To == CompositionRoot || (e.From != CompositionRoot && !HubShared.Contains(e.To)))
            .Select(e => $"{e.From} -> {e.To} ({string.Join(", ", e.Names.Order())})")
            .ToList();
        Assert.True(wrong.Count == 0, "a folder uses a feature or the composition root:\n" + string.Join("\n", wrong));
        Assert.All(HubShared, f => Assert.True(folders.Edges.ContainsKey(f), $"shared folder {f} is listed here but does not exist"));
    }

    [Theory]
    [InlineData("src/IntegrationHub.Providers")]
    [InlineData("src/IntegrationHub.ProviderSim")]
    public void Provider_folders_use_shared_folders_only_and_shared_folders_name_no_provider(string project)
    {
        var folders = SourceFolders.Read(Path.Combine(RepositoryRoot(), project));
        var wrong = folders.Edges
            .SelectMany(e => e.Value.Select(to => (From: e.Key, To: to.Key, Names: to.Value)))
            .Where(e => ProviderFolders.Contains(e.To))
            .Select(e => $"{e.From} -> {e.To} ({string.Join(", ", e.Names.Order())})")
            .ToList();
        Assert.True(wrong.Count == 0, $"{project}: a folder names a provider's types:\n" + string.Join("\n", wrong));
        Assert.All(ProviderFolders, f => Assert.True(folders.Edges.ContainsKey(f), $"{project} has no folder {f}"));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IntegrationHub.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("no folder above the test binary holds IntegrationHub.sln");
    }
}
