using IntegrationHub.ProviderAccess.GitHubApps;

namespace IntegrationHub.Connect;

/// <summary>
/// Which GitHub App an install flow uses: at the start the one the person picked (one of the tenant's own apps by id, or
/// the platform app), at the return the one the flow started with, read from its pending row. That row is reached only
/// through the signed state, so a return cannot switch apps, whatever its query says.
/// </summary>
internal sealed class GitHubAppChoice(TenantGitHubApps ownApps, GitHubAppDirectory directory)
{
    /// <summary>
    /// <c>?app={id}</c>: the tenant's own app of that id (another tenant's id, or no id at all, finds nothing). No
    /// <c>app</c>: the platform app, else the tenant's own app when it has one (the connect page's link).
    /// </summary>
    public async Task<GitHubAppCredentials?> ChosenAsync(string? app, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(app))
        {
            return Guid.TryParse(app, out var id) ? await ownApps.CredentialsAsync(id, ct) : null;
        }

        return directory.Platform ?? ((await ownApps.ListAsync(ct)).FirstOrDefault() is { } own ? await ownApps.CredentialsAsync(own.Id, ct) : null);
    }

    /// <summary>
    /// The app the flow started with: the tenant's own app at that instance with that client id, or the platform app;
    /// null when it was removed or replaced by another app since.
    /// </summary>
    public async Task<GitHubAppCredentials?> StartedWithAsync(PendingAuthorization pending, CancellationToken ct)
    {
        var own = (await ownApps.ListAsync(ct)).FirstOrDefault(a => a.BaseUrl == pending.BaseUrl && a.ClientId == pending.ClientId);
        var app = own is not null ? await ownApps.CredentialsAsync(own.Id, ct) : directory.Platform;
        return app is not null && app.ClientId == pending.ClientId && BaseUrl(app) == pending.BaseUrl ? app : null;
    }

    /// <summary>The instance as a pending row and a connection keep it: no trailing slash.</summary>
    public static string BaseUrl(GitHubAppCredentials app) => app.BaseUrl.AbsoluteUri.TrimEnd('/');
}
