using System.Globalization;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>A repository webhook. https://developer.atlassian.com/server/bitbucket/rest/v910/api-group-repository/#api-api-latest-projects-projectkey-repos-repositoryslug-webhooks-get</summary>
internal sealed class BitbucketDataCenterHookDto
{
    public long Id { get; init; }
    public string? Url { get; init; }
    public bool Active { get; init; }
    public List<string> Events { get; init; } = [];

    public ProviderHook ToHook() => new(
        Id.ToString(CultureInfo.InvariantCulture),
        Uri.TryCreate(Url, UriKind.Absolute, out Uri? url) ? url : null,
        Events,
        Active ? HookState.Active : HookState.Inactive);
}
