using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Secrets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Cleanup;

/// <summary>
/// The last step of a disconnect or revoke, once the connection's hooks are gone: revoke the token where the provider
/// can, then delete the stored secrets. Runs in the request when there was no hook to remove, otherwise on the worker
/// that removed the last one (<see cref="ConnectionHookRemover"/>), so the token still works for every hook removal.
/// A failure leaves the secrets in place so the clean-up can be retried, and is shown, never hidden.
/// </summary>
public sealed class CleanupFinisher(
    HubDb db, ISecretProtector secrets, ProviderHttp http, IConnectionApis apis, IOptions<PlatformAppsOptions> platform, AuditLog audit, TimeProvider clock)
{
    public const string Pending = "pending";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>Finishes the clean-up of a disconnected or revoked connection waiting for it; false when there is none.</summary>
    public async Task<bool> FinishAsync(Guid connectionId, IReadOnlyList<string> problems, CancellationToken ct)
    {
        var c = await WaitingAsync(connectionId, ct);
        if (c is null)
        {
            return false;
        }

        await FinishAsync(c, problems, ct);
        return true;
    }

    /// <summary>Records a clean-up that cannot go on (the hooks could not be removed at all): failed, secrets kept to retry.</summary>
    public async Task FailAsync(Guid connectionId, string problem, CancellationToken ct)
    {
        if (await WaitingAsync(connectionId, ct) is { } c)
        {
            await RecordAsync(c, [problem], Notes(c), ct);
        }
    }

    public async Task<CleanupResult> FinishAsync(Connection c, IReadOnlyList<string> hookProblems, CancellationToken ct)
    {
        List<string> problems = [.. hookProblems], notes = Notes(c);
        if (problems.Count == 0)
        {
            await RevokeTokenAsync(c, problems, notes, ct);
        }

        return await RecordAsync(c, problems, notes, ct);
    }

    private async Task<Connection?> WaitingAsync(Guid connectionId, CancellationToken ct) =>
        await db.Connections.IgnoreQueryFilters().FirstOrDefaultAsync(x => x.Id == connectionId && x.CleanupStatus == Pending
            && (x.Status == ConnectionStatus.Disconnected || x.Status == ConnectionStatus.Revoked), ct);

    private static List<string> Notes(Connection c) =>
        [.. (c.CleanupNotes ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<CleanupResult> RecordAsync(Connection c, List<string> problems, List<string> notes, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (problems.Count == 0)
        {
            c.AccessTokenProtected = null;
            c.RefreshTokenProtected = null;
            c.ClientSecretProtected = null;
            c.AccessTokenExpiresAt = null;
            c.CleanupStatus = Done;
            c.CleanupError = null;
            await db.Hooks.IgnoreQueryFilters().Where(h => h.ConnectionId == c.Id && h.Status == HookStatus.Removed && h.SecretProtected != "")
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.SecretProtected, "").SetProperty(h => h.PreviousSecretProtected, (string?)null)
                    .SetProperty(h => h.UpdatedAt, now), ct);
        }
        else
        {
            c.CleanupStatus = Failed;
            c.CleanupError = string.Join(" ", problems);
        }

        c.CleanupNotes = notes.Count == 0 ? null : string.Join("\n", notes.Distinct());
        c.UpdatedAt = now;
        audit.Record(problems.Count == 0 ? "connection.cleanup_done" : "connection.cleanup_failed", c.TenantId, target: $"connection:{c.Id}",
            detail: problems.Count == 0 ? string.Join(" ", notes) : c.CleanupError);
        await db.SaveChangesAsync(ct);
        return new CleanupResult(problems.Count == 0, problems, notes);
    }

    /// <summary>
    /// An app connection holds no token to revoke: the app uninstalls itself from the account instead (an app may), which
    /// revokes its installation tokens at GitHub. If GitHub refuses, the connection stays disconnected and the person is
    /// told where to uninstall it themselves. https://docs.github.com/rest/apps/apps#delete-an-installation-for-the-authenticated-app
    /// </summary>
    private async Task UninstallAppAsync(Connection c, List<string> notes, CancellationToken ct)
    {
        try
        {
            notes.Add(await apis.UninstallAppAsync(c.Id, ct)
                ? $"The GitHub App was uninstalled from {c.AccountLogin} at GitHub."
                : $"The GitHub App was no longer installed on {c.AccountLogin} at GitHub: nothing to uninstall.");
        }
        catch (ProviderApiException)
        {
            notes.Add($"The hub could not uninstall the GitHub App from {c.AccountLogin}: uninstall it at GitHub yourself (your account: Settings → Applications → "
                + "Installed GitHub Apps; an organization: its Settings → GitHub Apps), then Configure → Uninstall.");
        }
    }

    private async Task RevokeTokenAsync(Connection c, List<string> problems, List<string> notes, CancellationToken ct)
    {
        if (c.AuthKind == AuthKinds.GitHubApp)
        {
            await UninstallAppAsync(c, notes, ct);
            return;
        }

        if (c.AccessTokenProtected is null)
        {
            return;
        }

        if (c.AuthKind == AuthKinds.Pat)
        {
            notes.Add("Delete the personal access token at the provider if nothing else uses it.");
            return;
        }

        ProviderSlugs.TryParse(c.Provider, out var kind);
        string? clientId = c.ClientId ?? platform.Value.For(kind)?.ClientId;
        string? secret = c.ClientSecretProtected is { } s ? secrets.Unprotect(s) : platform.Value.For(kind)?.ClientSecret;
        var descriptor = ProviderCatalog.For(kind).Descriptor;
        if (clientId is null || secret is null || !descriptor.SupportsOAuth)
        {
            return;
        }

        try
        {
            using var calls = ProviderCallScope.Begin(kind, ProviderOperations.Token);
            var client = new OAuthTokenClient(http.For(c.CaBundlePem), descriptor, new Uri(c.BaseUrl), new OAuthClientCredentials(clientId, secret), clock);
            if (!await client.RevokeAsync(secrets.Unprotect(c.AccessTokenProtected), ct))
            {
                notes.Add($"{descriptor.DisplayName} has no way for the hub to revoke the token: remove the app's access in your {descriptor.DisplayName} settings.");
            }
        }
        catch (Exception ex) when (ex is OAuthException or ProviderApiException)
        {
            problems.Add($"The token could not be revoked at {descriptor.DisplayName}: {ex.Message}");
        }
    }
}
