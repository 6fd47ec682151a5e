using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Architecture;

/// <summary>
/// The top-level folders of one project and which of them name types declared in which others: folder F depends on G
/// when a .cs or .razor file in F names (by simple name) a type declared only in G. The same reading a newcomer does,
/// and the one ../shared/hooks/folder-cycles.py does.
/// </summary>
internal sealed partial class SourceFolders
{
    private static readonly HashSet<string> Skipped = ["bin", "obj", "wwwroot", "Properties"];

    private SourceFolders(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> edges) => Edges = edges;

    /// <summary>Folder → the folders it depends on → the type names that make it so.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>> Edges { get; }

    public static SourceFolders Read(string projectDirectory)
    {
        var texts = new Dictionary<string, List<string>>();
        var owners = new Dictionary<string, HashSet<string>>();
        void Declares(string name, string folder) => (owners.TryGetValue(name, out var set) ? set : owners[name] = []).Add(folder);
        foreach (string folder in Directory.GetDirectories(projectDirectory).Select(Path.GetFileName).OfType<string>().Where(f => !Skipped.Contains(f)))
        {
            var paths = Files(Path.Combine(projectDirectory, folder)).ToList();
            texts[folder] = paths.Select(File.ReadAllText).ToList();
            // A .razor file declares the component named after it, with no "class" keyword for the pattern to find.
            foreach (string component in paths.Where(p => p.EndsWith(".razor", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).OfType<string>())
            {
                Declares(component, folder);
            }
        }

        foreach (var (folder, files) in texts)
        {
            foreach (Match m in files.SelectMany(t => Declaration().Matches(t)))
            {
                Declares(m.Groups[1].Value, folder);
            }
        }

        // A name declared in two folders tells nothing about which one is meant.
        var owner = owners.Where(o => o.Value.Count == 1).ToDictionary(o => o.Key, o => o.Value.Single());
        var edges = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlySet<string>>>();
        foreach (var (folder, files) in texts)
        {
            var uses = new Dictionary<string, HashSet<string>>();
            foreach (string name in files.SelectMany(t => Identifier().Matches(LineComment().Replace(t, "")).Select(m => m.Value)).Distinct())
            {
                if (owner.TryGetValue(name, out string? other) && other != folder)
                {
                    (uses.TryGetValue(other, out var names) ? names : uses[other] = []).Add(name);
                }
            }

            edges[folder] = uses.ToDictionary(u => u.Key, u => (IReadOnlySet<string>)u.Value);
        }

        return new SourceFolders(edges);
    }

    /// <summary>Every group of folders that reach each other (strongly connected, more than one folder).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var reach = Edges.Keys.ToDictionary(f => f, Reachable);
        return Edges.Keys
            .Select(f => Edges.Keys.Where(g => g == f || (reach[f].Contains(g) && reach[g].Contains(f))).Order().ToList())
            .Where(c => c.Count > 1)
            .DistinctBy(c => string.Join(",", c))
            .Select(c => (IReadOnlyList<string>)c)
            .ToList();
    }

    private HashSet<string> Reachable(string from)
    {
        var seen = new HashSet<string>();
        var todo = new Stack<string>([from]);
        while (todo.TryPop(out string? f))
        {
            foreach (string g in Edges[f].Keys.Where(seen.Add))
            {
                todo.Push(g);
            }
        }

        return seen;
    }

    private static IEnumerable<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".razor", StringComparison.Ordinal))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(Skipped.Contains));

    [GeneratedRegex(@"\b(?:class|record|struct|interface|enum)\s+([A-Z][A-Za-z0-9_]*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9_]*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"//.*")]
    private static partial Regex LineComment();
}
