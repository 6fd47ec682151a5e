using IntegrationHub.Secrets;
using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>The shared key ring's protectors for GitHub App secrets, each under its own purpose (<see cref="SecretPurposes"/>).</summary>
internal sealed class GitHubAppProtectors(IDataProtectionProvider provider)
{
    /// <summary>A tenant app's client secret, private key and webhook secret.</summary>
    public IDataProtector Credentials { get; } = provider.CreateProtector(SecretPurposes.GitHubAppKeys);

    /// <summary>Installation access tokens.</summary>
    public IDataProtector Tokens { get; } = provider.CreateProtector(SecretPurposes.GitHubInstallationTokens);
}
