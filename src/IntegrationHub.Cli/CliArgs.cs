using System.Diagnostics.CodeAnalysis;

namespace IntegrationHub.Cli;

/// <summary>A command's arguments split into flags, valued options and positionals, checked against what it takes.</summary>
internal sealed class CliArgs
{
    public HashSet<string> Flags { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);
    public List<string> Positionals { get; } = [];

    public string? this[string name] => Values.GetValueOrDefault(name);

    public static bool TryParse(ReadOnlySpan<string> args, string[] flags, string[] valued,
        [NotNullWhen(true)] out CliArgs? parsed, [NotNullWhen(false)] out string? error)
    {
        parsed = new CliArgs();
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal) || a == "--")
            {
                parsed.Positionals.Add(a);
            }
            else if (flags.Contains(a))
            {
                parsed.Flags.Add(a);
            }
            else if (valued.Contains(a))
            {
                if (i + 1 >= args.Length)
                {
                    error = $"{a} needs a value";
                    break;
                }

                parsed.Values[a] = args[++i];
            }
            else
            {
                error = $"unknown option '{a}'";
                break;
            }
        }

        if (error is not null)
        {
            parsed = null;
            return false;
        }

        return true;
    }
}
