using IntegrationHub.Providers.Events;

namespace IntegrationHub.Events;

/// <summary>Which events of a tenant a feed read returns; every part is optional and they combine with AND.</summary>
/// <param name="RepositoryId">Only this repository's events (the hub's repository id).</param>
/// <param name="Kind">Only events of this kind.</param>
/// <param name="Mention">Only events that @mention this handle (without the @, compared ignoring case).</param>
public sealed record EventFilter(Guid? RepositoryId = null, EventKind? Kind = null, string? Mention = null)
{
    public static readonly EventFilter None = new();
}
