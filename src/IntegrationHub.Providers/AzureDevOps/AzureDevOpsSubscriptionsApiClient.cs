using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps has no repository webhooks: a "hook" is the set of service-hook subscriptions (one per event type)
/// that deliver this repository's events to one URL with Basic credentials. Its id is their ids joined by commas.
/// https://learn.microsoft.com/azure/devops/service-hooks/create-subscription,
/// https://learn.microsoft.com/rest/api/azure/devops/hooks/subscriptions
/// </summary>
internal sealed class AzureDevOpsSubscriptionsApiClient(ApiTransport api) : IRepositoryHooks
{
    private const char IdSeparator = ProviderHook.IdPartSeparator;
    private static readonly string Version = "api-version=" + AzureDevOpsDescriptor.ApiVersion;

    public async Task<IReadOnlyList<ProviderHook>> ListAsync(RepositoryRef repository, CancellationToken cancellationToken)
    {
        // The list filters by publisher and consumer only; the repository is a publisher input, matched here.
        Uri url = api.Api($"/hooks/subscriptions?{Version}&publisherId=tfs&consumerId=webHooks&consumerActionId=httpRequest");
        ApiResponse response = await api.GetAsync(url, cancellationToken).ConfigureAwait(false);
        return [.. api.Read<AzureDevOpsListDto<AzureDevOpsSubscriptionDto>>(response, ProviderJson.CamelCase).Value
            .Where(s => string.Equals(s.Repository, repository.ExternalId, StringComparison.OrdinalIgnoreCase))
            .GroupBy(s => s.Url ?? "", StringComparer.Ordinal)
            .Select(g => ToHook([.. g]))];
    }

    public async Task<ProviderHook?> GetAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken)
    {
        List<AzureDevOpsSubscriptionDto> found = await GetAllAsync(hookId, cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : ToHook(found);
    }

    public async Task<ProviderHook> CreateAsync(RepositoryRef repository, HookSpec spec, CancellationToken cancellationToken)
    {
        List<AzureDevOpsSubscriptionDto> created = [];
        try
        {
            foreach (string eventType in spec.Events.Distinct(StringComparer.Ordinal))
            {
                created.Add(await SendAsync(HttpMethod.Post, api.Api($"/hooks/subscriptions?{Version}"), Body(repository, spec, eventType), cancellationToken).ConfigureAwait(false));
            }
        }
        catch (ProviderApiException)
        {
            // All or nothing: a half-registered hook would silently miss event types.
            await DeleteEachAsync(string.Join(IdSeparator, created.Select(s => s.Id)), CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        return ToHook(created);
    }

    /// <summary>Rewrites each subscription, adds missing event types and removes event types no longer wanted.</summary>
    public async Task<ProviderHook> UpdateAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken)
    {
        Dictionary<string, AzureDevOpsSubscriptionDto> existing = (await GetAllAsync(hookId, cancellationToken).ConfigureAwait(false))
            .GroupBy(s => s.EventType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        List<AzureDevOpsSubscriptionDto> result = [];
        foreach (string eventType in spec.Events.Distinct(StringComparer.Ordinal))
        {
            JsonObject body = Body(repository, spec, eventType);
            result.Add(existing.Remove(eventType, out AzureDevOpsSubscriptionDto? current)
                ? await SendAsync(HttpMethod.Put, SubscriptionUrl(current.Id), body, cancellationToken).ConfigureAwait(false)
                : await SendAsync(HttpMethod.Post, api.Api($"/hooks/subscriptions?{Version}"), body, cancellationToken).ConfigureAwait(false));
        }

        foreach (AzureDevOpsSubscriptionDto unwanted in existing.Values)
        {
            await api.TrySendAsync(HttpMethod.Delete, SubscriptionUrl(unwanted.Id), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
        }

        return ToHook(result);
    }

    /// <summary>Writing the subscription back with status <c>enabled</c> lifts probation and system disabling.</summary>
    public Task<ProviderHook> ReEnableAsync(RepositoryRef repository, string hookId, HookSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return UpdateAsync(repository, hookId, spec with { Active = true }, cancellationToken);
    }

    /// <summary>Deletes every subscription of the hook (the repository is in the subscriptions' filters, not in the path).</summary>
    public Task<bool> DeleteAsync(RepositoryRef repository, string hookId, CancellationToken cancellationToken) => DeleteEachAsync(hookId, cancellationToken);

    private async Task<bool> DeleteEachAsync(string hookId, CancellationToken cancellationToken)
    {
        bool any = false;
        foreach (string id in SplitId(hookId))
        {
            any |= await api.TrySendAsync(HttpMethod.Delete, SubscriptionUrl(id), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false) is not null;
        }

        return any;
    }

    private async Task<List<AzureDevOpsSubscriptionDto>> GetAllAsync(string hookId, CancellationToken cancellationToken)
    {
        List<AzureDevOpsSubscriptionDto> found = [];
        foreach (string id in SplitId(hookId))
        {
            ApiResponse? response = await api.TrySendAsync(HttpMethod.Get, SubscriptionUrl(id), null, notFoundIsNull: true, cancellationToken).ConfigureAwait(false);
            if (response is not null)
            {
                found.Add(api.Read<AzureDevOpsSubscriptionDto>(response, ProviderJson.CamelCase));
            }
        }

        return found;
    }

    private async Task<AzureDevOpsSubscriptionDto> SendAsync(HttpMethod method, Uri url, JsonObject body, CancellationToken cancellationToken) =>
        api.Read<AzureDevOpsSubscriptionDto>(await api.SendAsync(method, url, body, cancellationToken).ConfigureAwait(false), ProviderJson.CamelCase);

    /// <summary>
    /// Basic credentials are the only proof of origin Azure DevOps offers (no signature); the docs require HTTPS for them.
    /// The pull-request comment event has resource version 2.0; the git events 1.0.
    /// </summary>
    private static JsonObject Body(RepositoryRef repository, HookSpec spec, string eventType) => new()
    {
        ["publisherId"] = "tfs",
        ["eventType"] = eventType,
        ["resourceVersion"] = eventType == "ms.vss-code.git-pullrequest-comment-event" ? "2.0" : "1.0",
        ["consumerId"] = "webHooks",
        ["consumerActionId"] = "httpRequest",
        ["status"] = spec.Active ? "enabled" : "disabledByUser",
        ["publisherInputs"] = new JsonObject
        {
            ["projectId"] = repository.ProjectId ?? throw new ArgumentException("Azure DevOps hooks need the repository's project id.", nameof(repository)),
            ["repository"] = repository.ExternalId,
        },
        ["consumerInputs"] = new JsonObject
        {
            ["url"] = spec.Url.AbsoluteUri,
            ["basicAuthUsername"] = spec.BasicAuthUsername ?? "integrationhub",
            ["basicAuthPassword"] = spec.Secret,
            ["resourceDetailsToSend"] = "all",
            ["messagesToSend"] = "none",
            ["detailedMessagesToSend"] = "none",
        },
    };

    /// <summary>One hook from its subscriptions; the least healthy subscription decides the state.</summary>
    private static ProviderHook ToHook(List<AzureDevOpsSubscriptionDto> subscriptions)
    {
        List<AzureDevOpsSubscriptionDto> ordered = [.. subscriptions.OrderBy(s => s.EventType, StringComparer.Ordinal)];
        HookState state = ordered.Select(s => State(s.Status)).DefaultIfEmpty(HookState.Active).Max();
        string? url = ordered.Select(s => s.Url).FirstOrDefault(u => u is not null);
        return new ProviderHook(
            string.Join(IdSeparator, ordered.Select(s => s.Id)),
            Uri.TryCreate(url, UriKind.Absolute, out Uri? parsed) ? parsed : null,
            [.. ordered.Select(s => s.EventType)],
            state,
            string.Join(IdSeparator, ordered.Select(s => s.Status).Distinct()));
    }

    // Ordered so that Max() picks the state needing the most repair.
    private static HookState State(string? status) => status switch
    {
        "enabled" => HookState.Active,
        "disabledByUser" => HookState.Inactive,
        "onProbation" => HookState.OnProbation,
        _ => HookState.Disabled, // disabledBySystem, disabledByInactiveIdentity, and anything new
    };

    private static IEnumerable<string> SplitId(string hookId) =>
        hookId.Split(IdSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private Uri SubscriptionUrl(string id) => api.Api($"/hooks/subscriptions/{BaseUrls.Segment(id)}?{Version}");
}
