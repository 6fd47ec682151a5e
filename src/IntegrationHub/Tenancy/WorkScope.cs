using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tenancy;

/// <summary>
/// A logging scope naming the work in hand (tenant, connection, hook, repository, delivery), opened where that work
/// starts: every line logged inside it, the hub's and the framework's (a provider call's HttpClient lines, an EF
/// command), carries the ids as properties of their own in the JSON console format, so an operator can filter one
/// tenant's or one delivery's lines without parsing messages. Ids only: never a name, a URL or a secret.
/// </summary>
internal static class WorkScope
{
    public static IDisposable? Begin(ILogger log, Guid? tenantId = null, Guid? connectionId = null, Guid? hookId = null,
        Guid? repositoryId = null, long? deliveryId = null)
    {
        var ids = new Ids();
        Add(ids, "TenantId", tenantId);
        Add(ids, "ConnectionId", connectionId);
        Add(ids, "HookId", hookId);
        Add(ids, "RepositoryId", repositoryId);
        Add(ids, "DeliveryId", deliveryId);
        return log.BeginScope(ids);
    }

    private static void Add(Ids ids, string name, object? value)
    {
        if (value is not null)
        {
            ids.Add(new(name, value));
        }
    }

    /// <summary>Key-value pairs, which the JSON formatter writes as properties; the text formatter's scopes print ToString.</summary>
    private sealed class Ids : List<KeyValuePair<string, object?>>
    {
        public override string ToString() => string.Join(" ", this.Select(p => $"{p.Key}:{p.Value}"));
    }
}
