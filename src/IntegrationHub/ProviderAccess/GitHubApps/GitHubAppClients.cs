using System.Globalization;
using IntegrationHub.Providers.GitHub;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// The providers library's <see cref="GitHubAppApi"/> for an app, on the hub's guarded, bounded provider HTTP client
/// (trusting the app's CA bundle, if any). Dispose it after use: it holds the imported private key.
/// </summary>
internal sealed class GitHubAppClients(ProviderHttp http, TimeProvider clock)
{
    public GitHubAppApi For(GitHubAppCredentials app) =>
        new(http.For(app.CaBundlePem), app.BaseUrl, app.AppId.ToString(CultureInfo.InvariantCulture), app.PrivateKeyPem, clock);
}
