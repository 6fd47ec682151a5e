using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Secrets;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Connect;

/// <summary>
/// Bitbucket Data Center without a token: the hub keeps a connection, the repository and a hook of its own with a
/// freshly generated secret, and answers with the webhook URL and secret for the tenant to paste into the repository's
/// webhook settings. The secret is shown once and stored only encrypted.
/// </summary>
public sealed class WebhookOnlyConnector(HubDb db, ConnectionWriter writer, ISecretProtector secrets, IOptions<HubOptions> hub, TimeProvider clock)
{
    public async Task<(Connection Connection, string WebhookUrl, string Secret)> CreateAsync(Uri baseUrl, string projectKey, string slug, CancellationToken ct)
    {
        string fullPath = $"{projectKey}/{slug}";
        string instance = baseUrl.AbsoluteUri.TrimEnd('/');
        if (await db.Connections.AnyAsync(c => c.Provider == ProviderSlugs.BitbucketDataCenter && c.BaseUrl == instance
            && c.AccountId == $"webhook:{fullPath}" && c.Status == ConnectionStatus.Active && c.AccessTokenProtected != null, ct))
        {
            throw new HasTokenException();
        }

        var (connection, _) = await writer.UpsertAsync(new ConnectionDraft(ProviderSlugs.BitbucketDataCenter, instance,
            AuthKinds.WebhookOnly, $"webhook:{fullPath}", fullPath, $"Bitbucket Data Center · {fullPath} (webhook only)", [])
        {
            ProjectKey = projectKey,
            RepositorySlug = slug,
        }, ct);

        var now = clock.GetUtcNow();
        // One repository per webhook-only connection. Its id is PROJECT/slug until the first delivery (or a token added
        // later) names the real one, so the row is found by connection, not by that stand-in.
        var repo = await db.Repositories.FirstOrDefaultAsync(r => r.ConnectionId == connection.Id, ct);
        if (repo is null)
        {
            repo = db.Repositories.Add(new Repository
            {
                Id = Guid.NewGuid(), TenantId = connection.TenantId, ConnectionId = connection.Id, ExternalId = fullPath, FullPath = fullPath,
                HtmlUrl = $"{connection.BaseUrl}/projects/{Uri.EscapeDataString(projectKey)}/repos/{Uri.EscapeDataString(slug)}/browse",
                FirstSeenAt = now, LastSeenAt = now,
            }).Entity;
        }

        repo.Status = "active";
        repo.Watched = true;
        // A fresh secret each time the form is submitted: the old hook (if any) is retired, the new one replaces it.
        await db.Hooks.Where(h => h.RepositoryId == repo.Id && h.Status != HookStatus.Removed)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HookStatus.Removed).SetProperty(h => h.SecretProtected, "").SetProperty(h => h.UpdatedAt, now), ct);
        string secret = SecretGenerator.New();
        var hookId = Guid.NewGuid();
        string url = $"{hub.Value.PublicBaseUrl.TrimEnd('/')}/hooks/{ProviderSlugs.BitbucketDataCenter}/{hookId}";
        db.Hooks.Add(new Hook
        {
            Id = hookId, TenantId = connection.TenantId, ConnectionId = connection.Id, RepositoryId = repo.Id, Provider = ProviderSlugs.BitbucketDataCenter,
            Url = url, SecretProtected = secrets.Protect(secret), Status = HookStatus.Registered, RegisteredAt = now, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync(ct);
        return (connection, url, secret);
    }
}
