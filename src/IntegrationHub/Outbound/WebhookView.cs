using IntegrationHub.Data;

namespace IntegrationHub.Outbound;

/// <summary>
/// One subscription as its page shows it to the current member: the URL whole for owners, without its query for
/// others, and attempts without response excerpts for others (an endpoint's answer may echo what the URL carried).
/// </summary>
public sealed record WebhookView(Subscription Subscription, string ShownUrl, IReadOnlyList<string> RepositoryPaths, IReadOnlyList<AttemptView> Attempts);
