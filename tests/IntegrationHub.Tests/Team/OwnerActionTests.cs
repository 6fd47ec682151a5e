using System.Net;
using IntegrationHub.Api;
using IntegrationHub.Cleanup;
using IntegrationHub.Connect;
using IntegrationHub.Data;
using IntegrationHub.Outbound;
using IntegrationHub.Repositories;
using IntegrationHub.Team;
using IntegrationHub.Tenancy;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Team;

/// <summary>
/// The owner's side of the rule (the same posts work for them), and the rule in the services themselves: a caller that
/// is not an HTTP endpoint (a future interactive component) is refused too, and a platform admin is no owner of a
/// tenant they do not own.
/// </summary>
public sealed class OwnerActionTests
{
    [Fact]
    public async Task Owner_changes_watch_settings_rotates_revokes_and_deletes_where_the_member_was_refused()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);

        var mode = await TeamSteps.PostAsync(s.Owner, "/repositories", "/repositories/watch-mode", ("connectionId", s.ConnectionId.ToString()), ("mode", "selected"));
        var watch = await TeamSteps.PostAsync(s.Owner, "/repositories", "/repositories/watch", ("repositoryId", s.RepositoryId.ToString()), ("watched", "false"));
        var rotate = await TeamSteps.PostAsync(s.Owner, "/repositories", "/repositories/rotate", ("hookId", s.HookId.ToString()));
        var revoke = await TeamSteps.PostAsync(s.Owner, "/settings/api-keys", $"/settings/api-keys/{s.ApiKeyId}/revoke");
        var deleteWebhook = await TeamSteps.PostAsync(s.Owner, "/settings/webhooks", $"/settings/webhooks/{s.SubscriptionId}/delete");
        var revokeInvitation = await TeamSteps.PostAsync(s.Owner, "/settings/members", "/settings/members/invitations/revoke", ("invitationId", s.InvitationId.ToString()));

        Assert.All([mode, watch, rotate, revoke, deleteWebhook, revokeInvitation], r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal("selected", await w.TextAsync("SELECT watch_mode FROM connections WHERE id = $1", s.ConnectionId));
        Assert.Equal("False", await w.TextAsync("SELECT watched FROM repositories WHERE id = $1", s.RepositoryId));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'hook.rotation_requested' AND actor = 'owner@a.test'"));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM api_keys WHERE id = $1 AND revoked_at IS NOT NULL", s.ApiKeyId));
        Assert.Equal(0L, await w.CountAsync("SELECT count(*) FROM subscriptions WHERE id = $1", s.SubscriptionId));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM invitations WHERE id = $1 AND revoked_at IS NOT NULL", s.InvitationId));
    }

    [Fact]
    public async Task Member_may_refresh_discovery_and_retry_failed_hooks_which_change_no_setting()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);
        var repo = await w.RepositoryAsync(s.TenantId, s.ConnectionId, "acme/locked", "102");
        var failed = await w.HookAsync(s.TenantId, s.ConnectionId, repo, "failed");

        var refresh = await TeamSteps.PostAsync(s.Member, "/repositories", "/repositories/refresh", ("connectionId", s.ConnectionId.ToString()));
        var retry = await TeamSteps.PostAsync(s.Member, "/repositories", "/repositories/retry", ("hookId", failed.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, refresh.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'discovery.requested' AND actor = 'member@a.test'"));
        Assert.Equal("pending", await w.TextAsync("SELECT status FROM hooks WHERE id = $1", failed));
    }

    [Fact]
    public async Task Owner_disconnects_over_http_once_however_often_it_is_posted()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);
        // The webhook-only connection: no token to revoke at the provider, so the clean-up ends in the request.
        string memberPage = await s.Member.GetStringAsync($"/integrations/{s.WebhookOnlyId}/disconnect");
        string ownerPage = await s.Owner.GetStringAsync($"/integrations/{s.WebhookOnlyId}/disconnect");

        var response = await CleanupPosts.DisconnectAsync(s.Owner, s.WebhookOnlyId);
        var again = await CleanupPosts.DisconnectAsync(s.Owner, s.WebhookOnlyId);

        Assert.Contains("owners-only", memberPage);
        Assert.DoesNotContain("confirm-disconnect", memberPage);
        Assert.Contains("confirm-disconnect", ownerPage);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode); // the page, with the clean-up as it stands
        Assert.Equal("disconnected", await w.TextAsync("SELECT status FROM connections WHERE id = $1", s.WebhookOnlyId));
        Assert.Equal(1L, await w.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'connection.disconnected'"));
    }

    [Fact]
    public async Task Services_refuse_a_member_and_a_platform_admin_who_is_not_an_owner_whoever_calls_them()
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);
        var memberId = await TeamSteps.UserIdAsync(w, "member@a.test");
        await w.ExecAsync("UPDATE users SET is_platform_admin = true WHERE id = $1", memberId);
        var before = await TeamSteps.FingerprintAsync(w);

        foreach (var (role, admin) in new[] { ("member", false), ((string?)null, true), ("member", true) })
        {
            using var scope = w.Hub.Services.CreateScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<TenantScope>().Set(memberId, "member@a.test", admin, s.TenantId, "Tenant A", role);
            var ct = CancellationToken.None;
            Func<Task>[] calls =
            [
                () => sp.GetRequiredService<ConnectionCleanup>().DisconnectAsync(s.ConnectionId, ct),
                () => sp.GetRequiredService<RepositoryActions>().SetWatchModeAsync(s.ConnectionId, "selected", ct),
                () => sp.GetRequiredService<RepositoryActions>().SetSyncModeAsync(s.ConnectionId, "poll", ct),
                () => sp.GetRequiredService<RepositoryActions>().SetWatchedAsync(s.RepositoryId, false, ct),
                () => sp.GetRequiredService<RepositoryActions>().RotateAsync(s.HookId, ct),
                () => sp.GetRequiredService<RepositoryActions>().SetWatchedManyAsync(new BulkWatchRequest(s.ConnectionId, false, [s.RepositoryId]), ct),
                () => sp.GetRequiredService<PatConnector>().ConnectWithScopedTokenAsync(IntegrationHub.Providers.ProviderKind.GitLab, null, "glpat-x", null, null, ct),
                () => sp.GetRequiredService<SubscriptionDeliveries>().ReplayOneAsync(s.SubscriptionId, 1, null, ct),
                () => sp.GetRequiredService<PatConnector>().ConnectAzureDevOpsAsync("https://dev.azure.com/fabrikam", "pat", null, ct),
                () => sp.GetRequiredService<PatConnector>().ConnectBitbucketDcAsync(new Uri("https://bb.example.test"), "PRJ", "app", "pat", null, ct),
                () => sp.GetRequiredService<ConnectionTokenAdder>().AddAsync(s.WebhookOnlyId, "pat", ct),
                () => sp.GetRequiredService<WebhookOnlyConnector>().CreateAsync(new Uri("https://bb.example.test"), "PRJ", "new", ct),
                () => sp.GetRequiredService<BitbucketDcConnector>().ConnectAsync("https://bb.example.test", "PRJ", "new", null, null, ct),
                () => sp.GetRequiredService<ApiKeyService>().CreateAsync(s.TenantId, "sneaky", [ApiScopes.ConnectionsRead], ct),
                () => sp.GetRequiredService<ApiKeyService>().RevokeAsync(s.ApiKeyId, ct),
                () => sp.GetRequiredService<ApiKeyService>().ListAsync(ct),
                () => sp.GetRequiredService<SubscriptionService>().CreateAsync(new SubscriptionInput(Url: "https://203.0.113.11/x"), null, ct),
                () => sp.GetRequiredService<SubscriptionService>().UpdateAsync(s.SubscriptionId, new SubscriptionInput(Enabled: false), null, ct),
                () => sp.GetRequiredService<SubscriptionService>().RotateSecretAsync(s.SubscriptionId, null, ct),
                () => sp.GetRequiredService<SubscriptionService>().DeleteAsync(s.SubscriptionId, null, ct),
                () => sp.GetRequiredService<SubscriptionDeliveries>().ReplaySinceAsync(s.SubscriptionId, DateTimeOffset.UnixEpoch, null, ct),
                () => sp.GetRequiredService<MembersService>().InviteAsync("eve@a.test", "owner", ct),
                () => sp.GetRequiredService<MembersService>().ChangeRoleAsync(s.OwnerUserId, "member", ct),
                () => sp.GetRequiredService<MembersService>().RemoveAsync(s.OwnerUserId, ct),
                () => sp.GetRequiredService<MembersService>().RevokeInvitationAsync(s.InvitationId, ct),
            ];
            foreach (var call in calls)
            {
                await Assert.ThrowsAsync<OwnerOnlyException>(call);
            }
        }

        Assert.Equal(before, await TeamSteps.FingerprintAsync(w));
    }
}
