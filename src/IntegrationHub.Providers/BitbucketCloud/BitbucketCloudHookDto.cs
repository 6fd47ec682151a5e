using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>A repository webhook subscription.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-repositories/#api-repositories-workspace-repo-slug-hooks-get</summary>
internal sealed class BitbucketCloudHookDto
{
    public string Uuid { get; init; } = "";
    public string? Url { get; init; }
    public bool Active { get; init; }
    public List<string> Events { get; init; } = [];

    public ProviderHook ToHook() => new(
        Uuid,
        Uri.TryCreate(Url, UriKind.Absolute, out Uri? url) ? url : null,
        Events,
        Active ? HookState.Active : HookState.Inactive);
}
