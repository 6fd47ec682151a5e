using System.Text.RegularExpressions;

namespace IntegrationHub.ProviderSim.Tests.Architecture;

/// <summary>
/// The simulator's folders depend one way, measured as <c>/work/shared/hooks/folder-cycles.py</c> measures them: folder F
/// uses folder G when a file in F names a type declared only in G. Provider folders (those holding an
/// <c>ISimulatedProvider</c>) use shared folders, never each other; shared folders use no provider folder; no cycle.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly Lazy<FolderGraph> Graph = new(FolderGraph.Read);

    [Fact]
    public void Folders_form_no_cycle()
    {
        var cycle = Graph.Value.FindCycle();
        Assert.True(cycle is null, $"Folder cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void Provider_folders_use_shared_folders_only()
    {
        var graph = Graph.Value;
        Assert.True(graph.ProviderFolders.Count >= 5, "Provider folders not found: " + string.Join(", ", graph.ProviderFolders));
        var wrong = graph.Edges
            .Where(e => graph.ProviderFolders.Contains(e.Key.From) && graph.ProviderFolders.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value)})");
        Assert.Empty(wrong);
    }

    [Fact]
    public void Shared_folders_use_no_provider_folder()
    {
        var graph = Graph.Value;
        var wrong = graph.Edges
            .Where(e => !graph.ProviderFolders.Contains(e.Key.From) && graph.ProviderFolders.Contains(e.Key.To))
            .Select(e => $"{e.Key.From} -> {e.Key.To} ({string.Join(", ", e.Value)})");
        Assert.Empty(wrong);
    }

    private sealed class FolderGraph
    {
        public required Dictionary<(string From, string To), SortedSet<string>> Edges { get; init; }
        public required HashSet<string> ProviderFolders { get; init; }
        public required IReadOnlyList<string> Folders { get; init; }

        public static FolderGraph Read()
        {
            var root = ProjectDirectory();
            var skip = new HashSet<string>(["bin", "obj", "wwwroot", "Properties"], StringComparer.Ordinal);
            var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
                .Where(f => !skip.Contains(f)).Order(StringComparer.Ordinal).ToArray();
            var texts = folders.ToDictionary(f => f, f => Directory
                .EnumerateFiles(Path.Combine(root, f), "*.cs", SearchOption.AllDirectories)
                .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(skip.Contains))
                .Select(File.ReadAllText).ToArray());

            var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (folder, files) in texts)
            {
                foreach (Match m in files.SelectMany(t => Declaration().Matches(t)))
                {
                    if (!owners.TryGetValue(m.Groups[1].Value, out var set)) owners[m.Groups[1].Value] = set = [];
                    set.Add(folder);
                }
            }

            var edges = new Dictionary<(string, string), SortedSet<string>>();
            foreach (var (folder, files) in texts)
            {
                foreach (var name in files.SelectMany(t => Identifier().Matches(LineComment().Replace(t, "")).Select(m => m.Value)))
                {
                    // A name declared in two folders tells nothing, as in the script.
                    if (owners.TryGetValue(name, out var set) && set.Count == 1 && set.Single() is var to && to != folder)
                    {
                        if (!edges.TryGetValue((folder, to), out var names)) edges[(folder, to)] = names = new(StringComparer.Ordinal);
                        names.Add(name);
                    }
                }
            }

            var providers = texts.Where(kv => kv.Value.Any(t => t.Contains(": ISimulatedProvider", StringComparison.Ordinal)))
                .Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
            return new FolderGraph { Edges = edges, ProviderFolders = providers, Folders = folders };
        }

        /// <summary>One cycle as a path that returns to its start, or null.</summary>
        public List<string>? FindCycle()
        {
            var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the path, 2 done
            var path = new List<string>();
            List<string>? Visit(string f)
            {
                state[f] = 1;
                path.Add(f);
                foreach (var to in Edges.Keys.Where(k => k.From == f).Select(k => k.To))
                {
                    if (state.GetValueOrDefault(to) == 1) return [.. path[path.IndexOf(to)..], to];
                    if (state.GetValueOrDefault(to) == 0 && Visit(to) is { } found) return found;
                }

                path.RemoveAt(path.Count - 1);
                state[f] = 2;
                return null;
            }

            return Folders.Where(f => state.GetValueOrDefault(f) == 0).Select(Visit).FirstOrDefault(c => c is not null);
        }

        private static string ProjectDirectory()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "src", "IntegrationHub.ProviderSim");
                if (Directory.Exists(candidate)) return candidate;
            }

            throw new DirectoryNotFoundException("src/IntegrationHub.ProviderSim not found above " + AppContext.BaseDirectory);
        }
    }

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+([A-Z][A-Za-z0-9_]*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex("//.*")]
    private static partial Regex LineComment();
}
