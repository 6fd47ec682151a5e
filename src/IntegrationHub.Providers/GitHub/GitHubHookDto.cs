using System.Globalization;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitHub;

/// <summary>A repository webhook. https://docs.github.com/rest/repos/webhooks#get-a-repository-webhook</summary>
internal sealed class GitHubHookDto
{
    public long Id { get; init; }
    public bool Active { get; init; }
    public List<string> Events { get; init; } = [];
    public ConfigDto? Config { get; init; }
    public LastResponseDto? LastResponse { get; init; }

    // GitHub does not auto-disable repository hooks; "active" is the only switch.
    public ProviderHook ToHook() => new(
        Id.ToString(CultureInfo.InvariantCulture),
        Uri.TryCreate(Config?.Url, UriKind.Absolute, out Uri? url) ? url : null,
        Events,
        Active ? HookState.Active : HookState.Inactive,
        LastResponse?.Status);

    internal sealed class ConfigDto
    {
        public string? Url { get; init; }
        public string? ContentType { get; init; }
    }

    internal sealed class LastResponseDto
    {
        public int? Code { get; init; }
        public string? Status { get; init; }
    }
}
