namespace IntegrationHub.Api;

/// <summary>
/// What an API key may do. Each scope is also the name of the authorization policy that requires it, so an endpoint
/// says <c>.RequireAuthorization(ApiScopes.EventsRead)</c>.
/// </summary>
public static class ApiScopes
{
    public const string EventsRead = "events:read";
    public const string RepositoriesRead = "repositories:read";
    public const string ConnectionsRead = "connections:read";
    public const string SubscriptionsWrite = "subscriptions:write";
    public const string ActionsWrite = "actions:write";

    public static readonly IReadOnlyList<string> All = [EventsRead, RepositoriesRead, ConnectionsRead, SubscriptionsWrite, ActionsWrite];
}
