namespace IntegrationHub.Data;

public static class AuthKinds
{
    public const string OAuthPlatform = "oauth_platform";
    public const string OAuthTenant = "oauth_tenant";
    public const string Pat = "pat";
    public const string WebhookOnly = "webhook_only";
}
