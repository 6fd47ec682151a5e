using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// The settings of the README's Configuration table: the names in its first column (`Hub:Poll:BatchSize`; a following
/// `...:ClientSecret` shares the first name's prefix) and the environment variables spelled out in its second.
/// </summary>
internal sealed partial class ConfigurationTable
{
    private readonly HashSet<string> _settings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _variables = new(StringComparer.Ordinal);

    public static ConfigurationTable FromReadme()
    {
        string readme = DeployFiles.Read("README.md");
        int start = readme.IndexOf("\n## Configuration", StringComparison.Ordinal);
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "README.md has no Configuration section");
        var table = new ConfigurationTable();
        foreach (string row in readme[start..end].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            string[] cells = row.Split('|');
            table.AddSettings(Quoted(cells[1]));
            table._variables.UnionWith(Quoted(cells[2]).Where(v => !v.Contains("...", StringComparison.Ordinal)));
        }

        Assert.True(table._settings.Count > 50, $"only {table._settings.Count} settings read from the Configuration table");
        return table;
    }

    /// <summary>True when the environment variable sets a setting of the table (an array's index stripped).</summary>
    public bool Has(string variable)
    {
        string name = ArrayIndex().Replace(variable, "");
        return _variables.Contains(variable) || _variables.Contains(name) || _settings.Contains(name.Replace("__", ":", StringComparison.Ordinal));
    }

    private void AddSettings(IReadOnlyList<string> names)
    {
        string prefix = names.Count > 0 && names[0].Contains(':', StringComparison.Ordinal) ? names[0][..names[0].LastIndexOf(':')] : "";
        foreach (string name in names)
        {
            if (name.StartsWith("...:", StringComparison.Ordinal))
            {
                _settings.Add($"{prefix}:{name[4..]}");
            }
            else if (!name.Contains("...", StringComparison.Ordinal))
            {
                _settings.Add(name);
            }
        }
    }

    private static List<string> Quoted(string cell) => [.. Backticked().Matches(cell).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"(__\d+)+$")]
    private static partial Regex ArrayIndex();
}
