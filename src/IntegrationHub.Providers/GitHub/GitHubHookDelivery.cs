namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// One delivery attempt of a webhook as GitHub lists it: <see cref="Guid"/> is X-GitHub-Delivery (shared by an event's
/// redeliveries), <see cref="StatusCode"/> our answer (0 while pending), <see cref="Redelivery"/> whether it was asked for again.
/// https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook
/// </summary>
public sealed record GitHubHookDelivery(long Id, string Guid, int StatusCode, bool Redelivery, DateTimeOffset DeliveredAt, string? Event)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public bool Failed => StatusCode != 0 && !Succeeded;
}
