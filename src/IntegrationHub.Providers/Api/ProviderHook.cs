namespace IntegrationHub.Providers.Api;

/// <summary>
/// A repository webhook as the provider reports it. For Azure DevOps it is the group of service-hook subscriptions
/// (one per event type) that share our URL on this repository; its <paramref name="Id"/> lists their ids.
/// </summary>
/// <param name="Id">Provider hook id as text (Bitbucket Cloud uuid with braces).</param>
/// <param name="Url">Delivery URL; null if the provider hides it.</param>
/// <param name="Events">Provider event names subscribed (GitLab: the <c>*_events</c> flags that are on).</param>
/// <param name="ProviderStatus">The provider's own words (<c>alert_status</c>, Azure <c>status</c>, GitHub <c>last_response.status</c>).</param>
/// <param name="DisabledUntil">GitLab temporary disable end.</param>
public sealed record ProviderHook(
    string Id,
    Uri? Url,
    IReadOnlyList<string> Events,
    HookState State,
    string? ProviderStatus = null,
    DateTimeOffset? DisabledUntil = null)
{
    /// <summary>Joins the parts of a composite id (Azure DevOps: one subscription per event type).</summary>
    public const char IdPartSeparator = ',';

    public bool IsHealthy => State == HookState.Active;

    /// <summary>The provider objects a hook id names: the id itself, or each subscription of an Azure DevOps hook.</summary>
    public static IReadOnlyList<string> IdParts(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Split(IdPartSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
