using System.Globalization;
using IntegrationHub.Addresses;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Tenancy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.ProviderAccess.GitHubApps;

/// <summary>
/// The current tenant's own GitHub Apps (one per Enterprise Server), what the settings page calls: list them without
/// secrets, save one (checked, secrets encrypted under the GitHub App purpose), delete one, or decrypt one for use.
/// Every query goes through the tenant filter: another tenant's app is "not found", whatever id is asked for.
/// </summary>
internal sealed class TenantGitHubApps(
    HubDb db, TenantScope scope, GitHubAppProtectors protectors, BaseUrlGuard guard, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<TenantGitHubAppSummary>> ListAsync(CancellationToken ct) =>
        await db.GitHubApps.AsNoTracking().OrderBy(a => a.BaseUrl)
            .Select(a => new TenantGitHubAppSummary(a.Id, a.BaseUrl, a.AppId, a.Slug, a.ClientId, a.CaBundlePem != null, a.UpdatedAt))
            .ToListAsync(ct);

    /// <summary>The app as its edit form starts: every field but the secrets, which stay blank (blank keeps them).</summary>
    public async Task<TenantGitHubAppInput?> EditableAsync(Guid id, CancellationToken ct) =>
        await db.GitHubApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } a
            ? new TenantGitHubAppInput(a.BaseUrl, a.AppId.ToString(CultureInfo.InvariantCulture), a.Slug, a.ClientId, null, null, null, a.CaBundlePem, a.Id)
            : null;

    /// <summary>The app decrypted for use, or null when the current tenant has no app of that id.</summary>
    public async Task<GitHubAppCredentials?> CredentialsAsync(Guid id, CancellationToken ct) =>
        await db.GitHubApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } row ? Decrypt(row, protectors) : null;

    /// <summary>
    /// Creates the tenant's app for that instance, or updates the one it has there (or the one <see cref="TenantGitHubAppInput.Id"/>
    /// names): a secret or private key left blank keeps the stored one, so an edit never needs them retyped. Returns its
    /// id, or the first problem in words a form can show (no secret is ever quoted); nothing is stored on a problem.
    /// </summary>
    public async Task<(Guid? Id, string? Error)> SaveAsync(TenantGitHubAppInput input, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        Guid tenantId = scope.RequireTenant();
        var (baseUrl, urlError) = await guard.CheckAsync(input.BaseUrl, ct);
        if (baseUrl is null)
        {
            return (null, urlError);
        }

        string url = baseUrl.AbsoluteUri.TrimEnd('/');
        var row = input.Id is { } id
            ? await db.GitHubApps.FirstOrDefaultAsync(a => a.Id == id, ct)
            : await db.GitHubApps.FirstOrDefaultAsync(a => a.BaseUrl == url, ct);
        if (input.Id is not null && row is null)
        {
            return (null, NotFound); // another tenant's id reads as none at all
        }

        if ((Problem(input, isNew: row is null) ?? await ChangeProblemAsync(row, input, url, ct)) is { } problem)
        {
            return (null, problem);
        }

        var now = clock.GetUtcNow();
        if (row is null)
        {
            row = new TenantGitHubApp
            {
                Id = Guid.NewGuid(), TenantId = tenantId, BaseUrl = url, Slug = "", ClientId = "",
                ClientSecretProtected = "", PrivateKeyProtected = "", WebhookSecretProtected = "", CreatedBy = scope.UserId, CreatedAt = now,
            };
            db.GitHubApps.Add(row);
        }

        IDataProtector p = protectors.Credentials;
        GitHubAppCredentials.TryParseAppId(input.AppId, out long appId); // checked by Problem above
        row.BaseUrl = url;
        row.AppId = appId;
        row.Slug = input.Slug!.Trim();
        row.ClientId = input.ClientId!.Trim();
        row.ClientSecretProtected = Blank(input.ClientSecret) ? row.ClientSecretProtected : p.Protect(input.ClientSecret!.Trim());
        row.PrivateKeyProtected = Blank(input.PrivateKeyPem) ? row.PrivateKeyProtected : p.Protect(input.PrivateKeyPem!.Trim() + "\n");
        row.WebhookSecretProtected = Blank(input.WebhookSecret) ? row.WebhookSecretProtected : p.Protect(input.WebhookSecret!.Trim());
        row.CaBundlePem = Blank(input.CaBundlePem) ? null : input.CaBundlePem!.Trim();
        row.UpdatedAt = now;
        audit.Record("github_app.saved", tenantId, $"github_app:{row.Id}", $"app {row.AppId} ({row.Slug}) at {url}");
        await db.SaveChangesAsync(ct);
        return (row.Id, null);
    }

    /// <summary>
    /// Deletes the tenant's app; false when it has none of that id. Refused (an error) while any connection refers to it:
    /// live ones would lose their app, and a disconnected one keeps its history, which names the app.
    /// </summary>
    public async Task<(bool Deleted, string? Error)> DeleteAsync(Guid id, CancellationToken ct)
    {
        OwnerOnly.Require(scope);
        var row = await db.GitHubApps.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (row is null)
        {
            return (false, null);
        }

        var users = await db.Connections.Where(c => c.GitHubAppId == id).Select(c => new { c.DisplayName, c.Status }).ToListAsync(ct);
        if (users.Count > 0)
        {
            var live = users.Where(c => c.Status is not (ConnectionStatus.Disconnected or ConnectionStatus.Revoked)).Select(c => c.DisplayName).ToList();
            return (false, live.Count > 0
                ? $"Connections still use this app ({string.Join(", ", live)}). Disconnect them first."
                : "Disconnected connections made with this app keep their history, which names it, so it cannot be deleted. Save new details over it instead.");
        }

        db.GitHubApps.Remove(row);
        audit.Record("github_app.deleted", row.TenantId, $"github_app:{row.Id}", $"app {row.AppId} ({row.Slug}) at {row.BaseUrl}");
        await db.SaveChangesAsync(ct);
        return (true, null);
    }

    internal static GitHubAppCredentials Decrypt(TenantGitHubApp row, GitHubAppProtectors protectors) => new()
    {
        OwnAppId = row.Id,
        TenantId = row.TenantId,
        BaseUrl = new Uri(row.BaseUrl),
        AppId = row.AppId,
        Slug = row.Slug,
        ClientId = row.ClientId,
        ClientSecret = protectors.Credentials.Unprotect(row.ClientSecretProtected),
        PrivateKeyPem = protectors.Credentials.Unprotect(row.PrivateKeyProtected),
        WebhookSecret = protectors.Credentials.Unprotect(row.WebhookSecretProtected),
        CaBundlePem = row.CaBundlePem,
    };

    private const string NotFound = "This tenant has no such GitHub App.";

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);

    private static string? Problem(TenantGitHubAppInput input, bool isNew)
    {
        if (!GitHubAppCredentials.TryParseAppId(input.AppId, out _))
        {
            return "Enter the App ID, the number on the app's settings page (About).";
        }

        // Secrets are asked for when the app is new; on an update a blank one keeps what is stored.
        foreach (var (value, field, secret) in new[] { (input.Slug, "the app's URL name (slug)", false), (input.ClientId, "the Client ID", false),
                     (input.ClientSecret, "a client secret", true), (input.WebhookSecret, "the webhook secret", true), (input.PrivateKeyPem, "the private key", true) })
        {
            if (Blank(value) && (isNew || !secret))
            {
                return $"Enter {field}.";
            }
        }

        if (!Blank(input.PrivateKeyPem) && !GitHubAppJwt.IsPrivateKey(input.PrivateKeyPem!))
        {
            return "The private key must be the .pem file GitHub generated for the app (BEGIN RSA PRIVATE KEY).";
        }

        return Blank(input.CaBundlePem) || CaBundleTrust.Parse(input.CaBundlePem!).Trust is not null
            ? null
            : "The CA bundle is not a PEM certificate bundle.";
    }

    /// <summary>
    /// An update that would strand something: another app of the tenant already on the new instance, or connections
    /// whose installations belong to this app at this instance (a different App ID or base URL is another app at GitHub).
    /// </summary>
    private async Task<string?> ChangeProblemAsync(TenantGitHubApp? row, TenantGitHubAppInput input, string url, CancellationToken ct)
    {
        if (row is null)
        {
            return null;
        }

        if (row.BaseUrl != url && await db.GitHubApps.AnyAsync(a => a.BaseUrl == url && a.Id != row.Id, ct))
        {
            return "This tenant already has a GitHub App for that instance: edit that one.";
        }

        GitHubAppCredentials.TryParseAppId(input.AppId, out long appId);
        return (row.BaseUrl != url || row.AppId != appId) && await db.Connections.AnyAsync(c => c.GitHubAppId == row.Id, ct)
            ? "Connections were made with this app, so its base URL and App ID stay as they are. Register a new app for another instance."
            : null;
    }
}
