namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// One GitHub App, decrypted for use: the platform app from settings (<see cref="OwnAppId"/> null) or a tenant's own app
/// on its Enterprise Server (a row of github_apps). <see cref="ToString"/> names the app and never prints a secret.
/// </summary>
internal sealed class GitHubAppCredentials
{
    /// <summary>An App ID as the app's settings page shows it: a positive number, nothing else.</summary>
    public static bool TryParseAppId(string? text, out long appId) =>
        long.TryParse(text?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out appId) && appId > 0;

    /// <summary>The github_apps row of a tenant's own app; null for the platform app.</summary>
    public Guid? OwnAppId { get; init; }

    /// <summary>The tenant owning the app; null for the platform app.</summary>
    public Guid? TenantId { get; init; }

    /// <summary>The instance: https://github.com, or the Enterprise Server (its API is under /api/v3).</summary>
    public required Uri BaseUrl { get; init; }

    /// <summary>GitHub's numeric app id, the JWT's issuer.</summary>
    public required long AppId { get; init; }

    /// <summary>The app's URL name: people install it at {BaseUrl}/apps/{Slug}/installations/new.</summary>
    public required string Slug { get; init; }

    public required string ClientId { get; init; }
    public required string ClientSecret { get; init; }
    public required string PrivateKeyPem { get; init; }
    public required string WebhookSecret { get; init; }

    /// <summary>A tenant's Enterprise Server signed by a private CA: the CA bundle to trust.</summary>
    public string? CaBundlePem { get; init; }

    public bool IsPlatform => OwnAppId is null;

    public override string ToString() => $"GitHub App {AppId} ({Slug}) at {BaseUrl}" + (IsPlatform ? ", the platform app" : $", tenant app {OwnAppId}");
}
