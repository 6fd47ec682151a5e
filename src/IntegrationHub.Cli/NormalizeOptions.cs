using System.Diagnostics.CodeAnalysis;
using IntegrationHub.Providers;

namespace IntegrationHub.Cli;

/// <summary>The options of <c>ihub normalize</c>.</summary>
internal sealed record NormalizeOptions(ProviderKind Provider, string? EventName)
{
    public static bool TryParse(ReadOnlySpan<string> args, [NotNullWhen(true)] out NormalizeOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        string? provider = null;
        string? eventName = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is not ("--provider" or "--event"))
            {
                error = $"unknown option '{name}'";
                return false;
            }

            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value";
                return false;
            }

            string value = args[++i];
            if (name == "--provider")
            {
                provider = value;
            }
            else
            {
                eventName = value;
            }
        }

        if (provider is null)
        {
            error = "--provider is required";
            return false;
        }

        if (!ProviderSlugs.TryParse(provider, out ProviderKind kind))
        {
            error = $"unknown provider '{provider}' (github, gitlab, bitbucket-cloud, bitbucket-dc, azure-devops)";
            return false;
        }

        // GitHub and Bitbucket Cloud name the event only in a header; their bodies cannot say it.
        if (string.IsNullOrWhiteSpace(eventName) && kind is ProviderKind.GitHub or ProviderKind.BitbucketCloud)
        {
            error = $"--event is required for {provider} (the {(kind == ProviderKind.GitHub ? "X-GitHub-Event" : "X-Event-Key")} header)";
            return false;
        }

        options = new NormalizeOptions(kind, string.IsNullOrWhiteSpace(eventName) ? null : eventName.Trim());
        error = null;
        return true;
    }
}
