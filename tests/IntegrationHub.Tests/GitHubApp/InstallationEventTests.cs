using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>Installation events from the app webhook keep the app connection and its repositories in step, without a discovery round.</summary>
public sealed class InstallationEventTests
{
    [Fact]
    public async Task Repositories_added_to_the_installation_join_the_connection_and_removed_ones_are_gone()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var repos = await stage.ReposAsync("acme1", "repo1", "repo2");
        long installation = await stage.InstallAsync("acme1", "acme1/repo1");
        var (tenant, connection) = await stage.AttachAsync("Adds", installation, "acme1", new() { ["repo1"] = repos["repo1"] });

        await world.ControlAsync($"github/installations/{installation}/repositories", new { add = new[] { "acme1/repo2" } });

        Assert.True(await HubWorld.EventuallyAsync(async () => await world.CountAsync(
            "SELECT count(*) FROM repositories WHERE connection_id = $1 AND full_path = 'acme1/repo2' AND external_id = $2 AND status = 'active' AND watched",
            connection, repos["repo2"]) == 1), "the added repository did not join the connection");
        // The tenant's repository list (the API) shows it.
        string key = await ApiKeys.CreateAsync(stage.Node.Services, tenant, "list");
        using var api = new HttpClient { BaseAddress = new Uri(stage.Node.Url) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var list = JsonNode.Parse(await api.GetStringAsync("/api/v1/repositories"))!;
        Assert.Contains("acme1/repo2", list.ToJsonString());

        // A push to it is filed under it at once.
        await world.ControlAsync("events/push", new { provider = "github", repo = "acme1/repo2", branch = "main", commits = 1 });
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.CountAsync("""
            SELECT count(*) FROM events e JOIN repositories r ON r.id = e.repository_id
            WHERE e.tenant_id = $1 AND r.full_path = 'acme1/repo2' AND e.kind = 'Push'
            """, tenant) == 1), "the push to the added repository was not filed");

        await world.ControlAsync($"github/installations/{installation}/repositories", new { remove = new[] { "acme1/repo1" } });
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.TextAsync(
            "SELECT status FROM repositories WHERE connection_id = $1 AND full_path = 'acme1/repo1'", connection) == "gone"),
            "the removed repository is not gone");
    }

    [Fact]
    public async Task An_added_event_processed_after_a_later_removal_is_corrected_by_the_discovery_it_queues()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var (_, connection, installation, repos) = await stage.AttachedAsync("LateAdd", "acme1", "repo1", "repo2");

        await world.ControlAsync($"github/installations/{installation}/repositories", new { remove = new[] { "acme1/repo2" } });
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.TextAsync(
            "SELECT status FROM repositories WHERE connection_id = $1 AND full_path = 'acme1/repo2'", connection) == "gone"), "the removal was not applied");

        // The added event of an earlier change, retried and processed only now: its diff brings repo2 back for a moment.
        await DeliverAsync(stage, connection, "github/installation_repositories.added.json", "installation_repositories", "d-late-added", body =>
        {
            body["installation"]!["id"] = installation;
            body["repositories_added"] = new JsonArray(new JsonObject
            {
                ["id"] = long.Parse(repos["repo2"], System.Globalization.CultureInfo.InvariantCulture),
                ["name"] = "repo2",
                ["full_name"] = "acme1/repo2",
                ["private"] = false,
            });
            body["repositories_removed"] = new JsonArray();
        });
        Assert.Equal("processed", await world.TextAsync(
            "SELECT status FROM deliveries WHERE connection_id = $1 AND delivery_id = 'd-late-added'", connection));
        // The discovery it queued lists the installation's repositories at GitHub, where repo2 is no longer.
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.TextAsync(
            "SELECT status FROM repositories WHERE connection_id = $1 AND full_path = 'acme1/repo2'", connection) == "gone"),
            "the late added event brought back a repository the installation no longer has");
        Assert.Equal("active", await world.TextAsync("SELECT status FROM repositories WHERE connection_id = $1 AND full_path = 'acme1/repo1'", connection));
    }

    [Fact]
    public async Task Uninstalling_the_app_disconnects_its_connection_at_once()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var (_, connection, installation, _) = await stage.AttachedAsync("Uninstalls", "acme1", "repo1");
        var other = await stage.AttachAsync("Unrelated", await stage.InstallAsync("acme2"), "acme2", []);
        // A token held for the installation, shared in the database, as the poll leaves one: the uninstall must delete it.
        await stage.Node.Services.GetRequiredService<InstallationTokens>().GetAsync(
            stage.Node.Services.GetRequiredService<PlatformGitHubApp>().Credentials!, installation, CancellationToken.None);
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM github_installation_tokens WHERE installation_id = $1", installation));

        using (var gone = await world.Sim.DeleteAsync($"/_sim/github/installations/{installation}"))
        {
            gone.EnsureSuccessStatusCode();
        }

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.TextAsync("SELECT status FROM connections WHERE id = $1", connection) == "disconnected"), "the connection was not disconnected");
        Assert.Contains("uninstalled", await world.TextAsync("SELECT status_reason FROM connections WHERE id = $1", connection));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM github_installation_tokens WHERE installation_id = $1", installation));
        Assert.Contains("installation.deleted", await world.TextAsync(
            "SELECT detail FROM audit_log WHERE action = 'connection.uninstalled' AND target = $1", $"connection:{connection}"));
        Assert.Equal("active", await world.TextAsync("SELECT status FROM connections WHERE id = $1", other.Connection));
    }

    [Fact]
    public async Task Suspending_the_installation_pauses_the_connection_until_it_is_unsuspended()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var (tenant, connection, installation, _) = await stage.AttachedAsync("Suspends", "acme1", "repo1");

        await world.ControlAsync($"github/installations/{installation}/suspend", new { });
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.CountAsync("SELECT count(*) FROM connections WHERE id = $1 AND github_suspended_at IS NOT NULL AND status = 'active'", connection) == 1),
            "the connection was not paused");
        // Nothing is written through a suspended installation: GitHub would refuse its token; the API says why instead.
        string key = await ApiKeys.CreateAsync(stage.Node.Services, tenant, "writes");
        using var api = new HttpClient { BaseAddress = new Uri(stage.Node.Url) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        string? repository = await world.TextAsync("SELECT id::text FROM repositories WHERE connection_id = $1", connection);
        using (var refused = await api.PostAsJsonAsync($"/api/v1/repositories/{repository}/comments", new { target = "issue", number = 1, body = "hello" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("suspended", await refused.Content.ReadAsStringAsync());
        }

        await world.ControlAsync($"github/installations/{installation}/unsuspend", new { });
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.CountAsync("SELECT count(*) FROM connections WHERE id = $1 AND github_suspended_at IS NULL", connection) == 1),
            "the connection was not resumed");
    }
    [Fact]
    public async Task A_suspend_processed_after_a_later_unsuspend_does_not_pause_the_connection_and_a_newer_one_does()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var (_, connection, installation, _) = await stage.AttachedAsync("OutOfOrder", "acme1", "repo1");

        // GitHub sends updated_at as epoch seconds in some events and as ISO-8601 with an offset in others: both are read.
        // 1700000000 is 2023-11-14T22:13:20Z.
        await DeliverAsync(stage, connection, installation, "unsuspend", JsonValue.Create(1700000100L), null, "d-unsuspend-newer");
        await DeliverAsync(stage, connection, installation, "suspend", JsonValue.Create("2023-11-14T18:13:20.000-04:00"), "2023-11-14T22:13:20Z",
            "d-suspend-older");
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM connections WHERE id = $1 AND github_suspended_at IS NOT NULL", connection));

        await DeliverAsync(stage, connection, installation, "suspend", JsonValue.Create(1700000200L), "2023-11-14T22:16:40Z", "d-suspend-newest");
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM connections WHERE id = $1 AND github_suspended_at IS NOT NULL", connection));
    }

    /// <summary>Posts an installation event built on the shared suspend fixture and waits until it was processed.</summary>
    private static Task DeliverAsync(AppWebhookStage stage, Guid connection, long installation, string action, JsonNode updatedAt,
        string? suspendedAt, string deliveryId) =>
        DeliverAsync(stage, connection, "github/installation.suspend.json", "installation", deliveryId, body =>
        {
            body["action"] = action;
            body["installation"]!["id"] = installation;
            body["installation"]!["updated_at"] = updatedAt;
            body["installation"]!["suspended_at"] = suspendedAt;
        });

    /// <summary>Posts a shared fixture, edited, to the app webhook as GitHub would (202 expected) and waits until it was handled.</summary>
    private static async Task DeliverAsync(AppWebhookStage stage, Guid connection, string fixture, string eventName, string deliveryId, Action<JsonNode> edit)
    {
        var body = JsonNode.Parse(IngestFixtures.Bytes(fixture))!;
        edit(body);
        using (var response = await stage.PostAsync(System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()), eventName, deliveryId))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.True(await HubWorld.EventuallyAsync(async () => await stage.World.CountAsync(
            "SELECT count(*) FROM deliveries WHERE connection_id = $1 AND delivery_id = $2 AND status IN ('processed', 'ignored')",
            connection, deliveryId) == 1), $"{deliveryId} was not processed");
    }
}
