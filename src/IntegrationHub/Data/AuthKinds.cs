namespace IntegrationHub.Data;

public static class AuthKinds
{
    public const string OAuthPlatform = "oauth_platform";
    public const string OAuthTenant = "oauth_tenant";
    public const string Pat = "pat";
    public const string WebhookOnly = "webhook_only";

    /// <summary>An installation of a GitHub App (the platform's, or the tenant's own): installation tokens, no token of a person.</summary>
    public const string GitHubApp = "github_app";
}
