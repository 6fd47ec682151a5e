namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// One delivery attempt of a webhook as GitHub lists it: <see cref="Guid"/> is X-GitHub-Delivery (shared by an event's
/// redeliveries), <see cref="Status"/> GitHub's description of our answer, <see cref="StatusCode"/> its HTTP status,
/// <see cref="Redelivery"/> whether it was asked for again. GitHub lists attempts made, each with an outcome: "OK" is the
/// only success; any other status failed, including status_code 0, which means no HTTP answer at all (a timeout, a refused
/// connection), not "pending". https://docs.github.com/rest/apps/webhooks#list-deliveries-for-an-app-webhook,
/// https://docs.github.com/webhooks/using-webhooks/automatically-redelivering-failed-deliveries-for-a-github-app-webhook
/// </summary>
public sealed record GitHubHookDelivery(long Id, string Guid, string Status, int StatusCode, bool Redelivery, DateTimeOffset DeliveredAt, string? Event)
{
    public bool Succeeded => Status == "OK";
}
