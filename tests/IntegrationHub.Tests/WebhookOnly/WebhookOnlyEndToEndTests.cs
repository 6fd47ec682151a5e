using IntegrationHub.Data;
using IntegrationHub.Discovery;
using IntegrationHub.HookRegistration;
using IntegrationHub.Poll;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationHub.Tests.WebhookOnly.WebhookOnlyScenario;

namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>Webhook-only Bitbucket Data Center from the connect form to an event on the Activity page, with no token-needing work.</summary>
public sealed class WebhookOnlyEndToEndTests
{
    [Fact]
    public async Task A_push_reaches_the_activity_page_and_the_repository_row_takes_bitbuckets_id_from_the_first_delivery()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var hub = await StartHubAsync(world);
        string realId = await RepositoryAsync(world, Project, Slug);
        var c = await ConnectAsync(world, hub, "ada@a.test", "Tenant A");
        Assert.Equal(FullPath, await ExternalIdAsync(world, c.ConnectionId)); // no token could ask for the id

        string sha = await PushAndWaitForEventAsync(world, c, "First push");

        Assert.True(ShowsPush(await ActivityAsync(c), sha), "the push is not on the Activity page");
        Assert.Equal(realId, await ExternalIdAsync(world, c.ConnectionId));
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", c.ConnectionId));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM deliveries WHERE connection_id = $1 AND status <> 'processed'", c.ConnectionId));

        // The next push goes straight to the row that now has the real id.
        string second = await PushAndWaitForEventAsync(world, c, "Second push");
        Assert.True(ShowsPush(await ActivityAsync(c), second), "the second push is not on the Activity page");
    }

    [Fact]
    public async Task No_discovery_poll_repair_or_registration_is_scheduled_for_a_connection_without_a_token()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var hub = await StartHubAsync(world);
        await RepositoryAsync(world, Project, Slug);
        var c = await ConnectAsync(world, hub, "ada@a.test", "Tenant A");
        string sha = await PushAndWaitForEventAsync(world, c, "A push");
        Assert.True(ShowsPush(await ActivityAsync(c), sha), "the push is not on the Activity page");

        // Every scheduler that could pick the connection up, run now: the nightly discovery, the hook reconciliation,
        // the hook planner, and the poll's own scheduling (which the running worker has also done every second meanwhile).
        await ActivatorUtilities.CreateInstance<NightlyDiscoveryJob>(hub.Services).RunAsync(CancellationToken.None);
        await ActivatorUtilities.CreateInstance<ReconcileScheduleJob>(hub.Services).RunAsync(CancellationToken.None);
        Assert.Equal((0, 0), await hub.Services.GetRequiredService<HookPlanner>().PlanAsync(c.ConnectionId, CancellationToken.None));
        await hub.Services.GetRequiredService<PollScheduler>().SyncAsync(CancellationToken.None);

        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1", c.ConnectionId));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM poll_state WHERE connection_id = $1", c.ConnectionId));
        Assert.Equal("pending", await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", c.ConnectionId));
        Assert.Equal(c.WebhookIdAtBitbucket, Assert.Single(await HooksAtBitbucketAsync(world))); // nothing registered besides the person's

        // The card says why, and where to turn it on; the buttons that would need a token queue nothing.
        string integrations = await c.Browser.GetStringAsync("/integrations");
        Assert.Contains("no token was given, so discovery, the 60-second poll and hook repair are off", integrations);
        Assert.Contains($"href=\"/integrations/{c.ConnectionId}/token\"", integrations);
        Assert.Contains("data-poll-off=\"no-token\"", await c.Browser.GetStringAsync("/"));
        Assert.Contains("id=\"no-token\"", await c.Browser.GetStringAsync($"/repositories?connection={c.ConnectionId}"));
        var refresh = await Forms.SubmitAsync(c.Browser, $"/repositories?connection={c.ConnectionId}", null,
            new Dictionary<string, string> { ["connectionId"] = c.ConnectionId.ToString() }, "/repositories/refresh");
        Assert.Contains("This connection has no token", Uri.UnescapeDataString(refresh.Headers.Location?.ToString() ?? ""));
        Assert.Equal(0L, await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1", c.ConnectionId));
    }

    /// <summary>The ids of the webhooks on the repository at Bitbucket, as its settings page lists them.</summary>
    internal static async Task<List<string>> HooksAtBitbucketAsync(HubWorld world)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/bitbucket-dc/rest/api/1.0/projects/{Project}/repos/{Slug}/webhooks");
        request.Headers.Authorization = new("Bearer", Pat);
        using var response = await world.Sim.SendAsync(request);
        var page = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. page["values"]!.AsArray().Select(h => h!["id"]!.ToJsonString().Trim('"'))];
    }
}
