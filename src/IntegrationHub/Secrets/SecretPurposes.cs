namespace IntegrationHub.Secrets;

/// <summary>
/// Data Protection purposes of stored secrets. A ciphertext opens only under its own purpose, so one copied into another
/// column (a GitHub App's private key into a connection's token, to be sent as a bearer token) fails to decrypt instead.
/// </summary>
public static class SecretPurposes
{
    /// <summary>Tokens, client secrets and hook secrets of connections, hooks, OAuth flows and subscriptions.</summary>
    public const string General = "IntegrationHub.Secrets.v1";

    /// <summary>A tenant's own GitHub App: client secret, private key and webhook secret.</summary>
    public const string GitHubAppKeys = "IntegrationHub.GitHubApp.Credentials.v1";

    /// <summary>GitHub App installation access tokens.</summary>
    public const string GitHubInstallationTokens = "IntegrationHub.GitHubApp.InstallationToken.v1";
}
