using Microsoft.AspNetCore.DataProtection;
using IntegrationHub.ProviderAccess.GitHubApps;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// A GitHub App as its webhook's ingress needs it: which app (<see cref="OwnAppId"/> null: the platform app), GitHub's app
/// id, and its webhook secret: the platform app's from settings, a tenant app's still encrypted (decrypted per request,
/// as hook secrets are).
/// </summary>
internal sealed record IngressApp(Guid? OwnAppId, long AppId, string? PlatformSecret, string? SecretProtected)
{
    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring cannot decrypt it.</exception>
    public string Secret(GitHubAppProtectors protectors) => PlatformSecret ?? protectors.Credentials.Unprotect(SecretProtected!);

    public override string ToString() => OwnAppId is { } id ? $"tenant app {id} (GitHub app {AppId})" : $"the platform app (GitHub app {AppId})";
}
