using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// deploy/helm/integrationhub read without Helm: its templates as YAML once template expressions are taken out (a line
/// that is only actions goes; an expression inside a line becomes the scalar <see cref="Placeholder"/>), and the
/// value paths values.yaml holds, each with whether a comment documents it.
/// </summary>
internal static partial class HelmChart
{
    public const string Placeholder = "TEMPLATED";

    public static readonly string Folder = DeployFiles.Path("deploy", "helm", "integrationhub");

    /// <summary>The templates that render to YAML (helpers and NOTES.txt render nothing of their own).</summary>
    public static IEnumerable<string> Templates() => Directory.GetFiles(Path.Combine(Folder, "templates"), "*.yaml").Order();

    /// <summary>Every file of templates/, helpers included, for what they name.</summary>
    public static IEnumerable<string> TemplateFiles() => Directory.GetFiles(Path.Combine(Folder, "templates")).Order();

    public static string WithoutTemplateExpressions(string template)
    {
        var kept = template.Split('\n').Where(line => !OnlyActions().IsMatch(line));
        return string.Join('\n', kept.Select(line => Expression().Replace(line, Placeholder)));
    }

    /// <summary>The `.Values.a.b` paths a template names.</summary>
    public static IEnumerable<string> ValuePaths(string template) =>
        ValuesReference().Matches(template).Select(m => m.Groups[1].Value).Distinct();

    /// <summary>
    /// Every key path of values.yaml, true when documented: a comment on the line above (after any blank lines) or at
    /// the end of its own line.
    /// </summary>
    public static Dictionary<string, bool> Values()
    {
        var paths = new Dictionary<string, bool>(StringComparer.Ordinal);
        var stack = new List<(int Indent, string Key)>();
        string previous = "";
        foreach (string line in File.ReadAllLines(Path.Combine(Folder, "values.yaml")))
        {
            var key = ValuesKey().Match(line);
            if (key.Success)
            {
                int indent = key.Groups[1].Length;
                stack.RemoveAll(s => s.Indent >= indent);
                stack.Add((indent, key.Groups[2].Value));
                paths[string.Join('.', stack.Select(s => s.Key))] = previous.TrimStart().StartsWith('#') || line.Contains(" # ", StringComparison.Ordinal);
            }

            if (line.Trim().Length > 0)
            {
                previous = line;
            }
        }

        return paths;
    }

    /// <summary>Names of environment variables the templates set: `- name: X` followed by `value:` or `valueFrom:`, and ConfigMap data keys.</summary>
    public static IEnumerable<string> EnvironmentVariables()
    {
        foreach (string file in TemplateFiles())
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i + 1 < lines.Length; i++)
            {
                var name = EnvName().Match(lines[i]);
                if (name.Success && EnvValue().IsMatch(lines[i + 1]))
                {
                    yield return name.Groups[1].Value;
                }
            }
        }

        var configMap = Yaml.Map(WithoutTemplateExpressions(File.ReadAllText(Path.Combine(Folder, "templates", "configmap.yaml"))));
        foreach (string key in configMap.MapAt("data").Keys.Cast<string>().Where(k => k != Placeholder))
        {
            yield return key;
        }
    }

    [GeneratedRegex(@"^\s*(\{\{-?[^}]*-?\}\}\s*)+$")]
    private static partial Regex OnlyActions();

    [GeneratedRegex(@"\{\{.*?\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"^(\s*)([A-Za-z0-9_]+):(\s|$)")]
    private static partial Regex ValuesKey();

    [GeneratedRegex(@"^\s*- name: ([A-Za-z_][A-Za-z0-9_]*)\s*$")]
    private static partial Regex EnvName();

    [GeneratedRegex(@"^\s*(value|valueFrom):")]
    private static partial Regex EnvValue();
}
