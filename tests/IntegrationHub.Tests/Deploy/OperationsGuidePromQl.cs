using System.Text.RegularExpressions;

namespace IntegrationHub.Tests.Deploy;

/// <summary>
/// The metric names the PromQL of deploy/README.md's operations guide uses: every ```promql block, with strings, label
/// matchers (<c>{...}</c>), ranges (<c>[5m]</c>), grouping clauses (<c>by (...)</c>) and comments taken out; what is left
/// that is an identifier not called as a function nor a keyword is a metric name.
/// </summary>
internal static partial class OperationsGuidePromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset",
    };

    public static IReadOnlyList<string> Blocks() =>
        [.. Block().Matches(DeployFiles.Read("deploy", "README.md")).Select(m => m.Groups[1].Value)];

    public static SortedSet<string> MetricNames()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string block in Blocks())
        {
            string bare = Comment().Replace(block, "");
            foreach (var strip in new[] { Quoted(), Matchers(), Range(), Grouping() })
            {
                bare = strip.Replace(bare, " ");
            }

            names.UnionWith(Identifier().Matches(bare).Select(m => m.Groups[1].Value).Where(n => !Keywords.Contains(n)));
        }

        return names;
    }

    [GeneratedRegex("```promql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    [GeneratedRegex("#[^\n]*")]
    private static partial Regex Comment();

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Range();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.])([A-Za-z_:][A-Za-z0-9_:]*)\b(?!\s*\()")]
    private static partial Regex Identifier();
}
