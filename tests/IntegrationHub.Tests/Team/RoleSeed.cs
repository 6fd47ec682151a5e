using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>
/// A tenant with one of everything an owner can change (an OAuth connection with a repository and a registered hook,
/// a webhook-only connection without a token, an API key, an outbound subscription, a pending invitation), its owner
/// and a member, each signed in with a cookie.
/// </summary>
internal sealed record RoleSeed(HttpClient Owner, HttpClient Member, Guid TenantId, Guid ConnectionId, Guid WebhookOnlyId, Guid RepositoryId,
    Guid HookId, Guid ApiKeyId, Guid SubscriptionId, Guid InvitationId, Guid OwnerUserId)
{
    public static async Task<RoleSeed> CreateAsync(HubWorld w)
    {
        var (owner, tenantId) = await TeamSteps.OwnerAsync(w, "owner@a.test", "Tenant A");
        var member = await TeamSteps.MemberAsync(w, "member@a.test", tenantId);
        var connectionId = await w.ConnectionAsync(tenantId);
        var repositoryId = await w.RepositoryAsync(tenantId, connectionId, "acme/api", "101");
        var hookId = await w.HookAsync(tenantId, connectionId, repositoryId, "registered");
        var webhookOnlyId = Guid.NewGuid();
        await w.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                project_key, repository_slug, created_at, updated_at)
            VALUES ($1, $2, 'bitbucket-dc', 'https://bb.example.test', 'Bitbucket Data Center · PRJ/app (webhook only)', 'webhook:PRJ/app',
                'PRJ/app', 'active', 'webhook_only', 'PRJ', 'app', now(), now())
            """, webhookOnlyId, tenantId);
        await w.ApiKeyAsync(tenantId, "ci-bot");
        var apiKeyId = await w.ScalarAsync<Guid>("SELECT id FROM api_keys WHERE tenant_id = $1", tenantId);
        var subscriptionId = Guid.NewGuid();
        await w.ExecAsync("""
            INSERT INTO subscriptions (id, tenant_id, url, secret_protected, created_at, updated_at, created_by)
            VALUES ($1, $2, 'https://203.0.113.10/hooks', 'CIPHERTEXT-WHSEC', now(), now(), 'owner@a.test')
            """, subscriptionId, tenantId);
        var (_, link) = await TeamSteps.InviteAsync(owner, "dana@a.test");
        Assert.NotNull(link);
        var invitationId = await w.ScalarAsync<Guid>("SELECT id FROM invitations WHERE tenant_id = $1", tenantId);
        return new RoleSeed(owner, member, tenantId, connectionId, webhookOnlyId, repositoryId, hookId, apiKeyId, subscriptionId, invitationId,
            await TeamSteps.UserIdAsync(w, "owner@a.test"));
    }
}
