using System.Net;
using System.Net.Http.Json;
using IntegrationHub.Data;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Connect;

/// <summary>A clean-up the provider fails is shown, kept failed with the secrets needed to retry, and retried from the page.</summary>
public sealed class CleanupFailureTests
{
    [Fact]
    public async Task Failed_token_revoke_is_shown_kept_failed_and_retry_clean_up_then_succeeds()
    {
        await using var world = await HubWorld.StartAsync(PlatformApps.Options());
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(browser, "github");
        var c = await world.SingleConnectionAsync();
        string token = world.Hub.Services.GetRequiredService<ISecretProtector>().Unprotect(c.AccessTokenProtected!);
        // GitHub's revoke is an API call (DELETE /applications/{client_id}/token): every API call now answers 500.
        using (var fault = await world.Sim.PutAsJsonAsync("/_sim/faults/github", new { serverErrors = 1.0, serverErrorStatus = 500 }))
        {
            Assert.True(fault.IsSuccessStatusCode);
        }

        string failed = WebUtility.HtmlDecode(await (await CleanupPosts.DisconnectAsync(browser, c.Id)).Content.ReadAsStringAsync());

        Assert.Contains("id=\"disconnect-failed\"", failed);
        Assert.Contains("The token could not be revoked at GitHub", failed);
        var kept = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Disconnected, "failed"), (kept.Status, kept.CleanupStatus));
        Assert.NotNull(kept.AccessTokenProtected);
        string list = WebUtility.HtmlDecode(await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync());
        Assert.Contains("Clean-up at the provider failed: The token could not be revoked at GitHub", list);
        Assert.Contains("Retry clean-up", list);

        (await world.Sim.DeleteAsync("/_sim/faults/github")).Dispose();
        var retry = await Forms.SubmitAsync(browser, "/integrations", null, new Dictionary<string, string>(), action: $"/integrations/{c.Id}/retry-cleanup");

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var done = await world.SingleConnectionAsync();
        Assert.Equal((ConnectionStatus.Disconnected, "done", null), (done.Status, done.CleanupStatus, done.CleanupError));
        Assert.Null(done.AccessTokenProtected);
        Assert.Null(done.RefreshTokenProtected);
        var audit = await world.AuditActionsAsync();
        int failedAt = audit.IndexOf("connection.cleanup_failed");
        Assert.True(failedAt >= 0 && audit.IndexOf("connection.cleanup_done", failedAt) > failedAt, string.Join(", ", audit));
        Assert.Equal(HttpStatusCode.Unauthorized, (await ConnectFlowTests.SimUserAsync(world, "github", token)).StatusCode);
        Assert.DoesNotContain("Retry clean-up", await (await browser.GetAsync("/integrations")).Content.ReadAsStringAsync());
    }
}
