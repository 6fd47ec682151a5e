namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Where GitHub Apps deliver: <c>/webhooks/github-app</c> for the platform app, <c>/webhooks/github-app/{id}</c> for a
/// tenant's own app, by its github_apps row id. Not GitHub's app id: two Enterprise Servers number their apps on their
/// own, so only the row names one app; and the URL must say which secret verifies before the body is trusted.
/// </summary>
internal static class AppWebhookRoutes
{
    public const string Platform = "/webhooks/github-app";
    public const string Tenant = "/webhooks/github-app/{appId:guid}";

    public static string Url(string publicBaseUrl, Guid? ownAppId) =>
        publicBaseUrl.TrimEnd('/') + Platform + (ownAppId is { } id ? "/" + id.ToString("D") : string.Empty);
}
