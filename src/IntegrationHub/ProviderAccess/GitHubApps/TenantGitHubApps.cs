using System.Globalization;
using IntegrationHub.Addresses;
using IntegrationHub.Audit;
using IntegrationHub.Data;
using IntegrationHub.Providers.GitHub;
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

    /// <summary>The app decrypted for use, or null when the current tenant has no app of that id.</summary>
    public async Task<GitHubAppCredentials?> CredentialsAsync(Guid id, CancellationToken ct) =>
        await db.GitHubApps.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is { } row ? Decrypt(row, protectors) : null;

    /// <summary>
    /// Creates the tenant's app for that instance, or replaces the one it had there. Returns its id, or the first
    /// problem in words a form can show (no secret is ever quoted).
    /// </summary>
    public async Task<(Guid? Id, string? Error)> SaveAsync(TenantGitHubAppInput input, CancellationToken ct)
    {
        Guid tenantId = scope.RequireTenant();
        var (baseUrl, urlError) = await guard.CheckAsync(input.BaseUrl, ct);
        if (baseUrl is null)
        {
            return (null, urlError);
        }

        if (Problem(input) is { } problem)
        {
            return (null, problem);
        }

        var now = clock.GetUtcNow();
        string url = baseUrl.AbsoluteUri.TrimEnd('/');
        var row = await db.GitHubApps.FirstOrDefaultAsync(a => a.BaseUrl == url, ct);
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
        row.AppId = appId;
        row.Slug = input.Slug!.Trim();
        row.ClientId = input.ClientId!.Trim();
        row.ClientSecretProtected = p.Protect(input.ClientSecret!.Trim());
        row.PrivateKeyProtected = p.Protect(input.PrivateKeyPem!.Trim() + "\n");
        row.WebhookSecretProtected = p.Protect(input.WebhookSecret!.Trim());
        row.CaBundlePem = string.IsNullOrWhiteSpace(input.CaBundlePem) ? null : input.CaBundlePem.Trim();
        row.UpdatedAt = now;
        audit.Record("github_app.saved", tenantId, $"github_app:{row.Id}", $"app {row.AppId} ({row.Slug}) at {url}");
        await db.SaveChangesAsync(ct);
        return (row.Id, null);
    }

    /// <summary>Deletes the tenant's app; false when it has none of that id. Refused (an error) while a connection uses it.</summary>
    public async Task<(bool Deleted, string? Error)> DeleteAsync(Guid id, CancellationToken ct)
    {
        var row = await db.GitHubApps.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (row is null)
        {
            return (false, null);
        }

        if (await db.Connections.AnyAsync(c => c.GitHubAppId == id, ct))
        {
            return (false, "Connections still use this app. Disconnect them first.");
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

    private static string? Problem(TenantGitHubAppInput input)
    {
        if (!GitHubAppCredentials.TryParseAppId(input.AppId, out _))
        {
            return "Enter the App ID, the number on the app's settings page (About).";
        }

        foreach (var (value, field) in new[] { (input.Slug, "the app's URL name (slug)"), (input.ClientId, "the Client ID"),
                     (input.ClientSecret, "a client secret"), (input.WebhookSecret, "the webhook secret"), (input.PrivateKeyPem, "the private key") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return $"Enter {field}.";
            }
        }

        if (!GitHubAppJwt.IsPrivateKey(input.PrivateKeyPem!))
        {
            return "The private key must be the .pem file GitHub generated for the app (BEGIN RSA PRIVATE KEY).";
        }

        return string.IsNullOrWhiteSpace(input.CaBundlePem) || CaBundleTrust.Parse(input.CaBundlePem).Trust is not null
            ? null
            : "The CA bundle is not a PEM certificate bundle.";
    }
}
