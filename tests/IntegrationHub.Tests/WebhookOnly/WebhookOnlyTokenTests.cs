using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.WebhookOnly.WebhookOnlyScenario;

namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>A token added later to a webhook-only connection: a bad one changes nothing, a good one turns discovery, the poll and repair on.</summary>
public sealed class WebhookOnlyTokenTests
{
    [Fact]
    public async Task A_bad_token_is_refused_plainly_and_a_good_one_turns_discovery_poll_and_repair_on()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var hub = await StartHubAsync(world);
        string realId = await RepositoryAsync(world, Project, Slug);
        var c = await ConnectAsync(world, hub, "ada@a.test", "Tenant A");
        string first = await PushAndWaitForEventAsync(world, c, "Before the token");
        Assert.True(ShowsPush(await ActivityAsync(c), first), "the push is not on the Activity page");

        var bad = await TenantSteps.AddTokenAsync(c.Browser, c.ConnectionId, "not-a-real-token");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        string page = await bad.Content.ReadAsStringAsync();
        Assert.Contains("The provider did not accept this token", page);
        Assert.DoesNotContain("not-a-real-token", page);
        Assert.Equal(("webhook_only", 0L), await StateAsync(world, c.ConnectionId));
        Assert.Null(await world.ValueAsync<string>("SELECT access_token_protected FROM connections WHERE id = $1", c.ConnectionId));

        var good = await TenantSteps.AddTokenAsync(c.Browser, c.ConnectionId, Pat);

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal($"/integrations?token-added={c.ConnectionId}", good.Headers.Location!.PathAndQuery);
        Assert.Contains("Token added.", await c.Browser.GetStringAsync(good.Headers.Location.PathAndQuery));
        string stored = (await world.ScalarAsync<string>("SELECT access_token_protected FROM connections WHERE id = $1", c.ConnectionId))!;
        Assert.DoesNotContain(Pat, stored); // encrypted at rest
        // The running worker discovers the repository (the same row), checks the person's webhook and starts polling it.
        await WaitUntilAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", c.ConnectionId) == "done"
            && await world.ScalarAsync<long>("SELECT count(*) FROM poll_state p WHERE p.connection_id = $1 AND p.last_polled_at IS NOT NULL", c.ConnectionId) == 1
            && await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND kind = 'reconcile_hooks' AND status = 'done'", c.ConnectionId) == 1,
            "discovery done, a first poll, and the hook check done");
        Assert.Equal(("pat", 1L), await StateAsync(world, c.ConnectionId));
        Assert.Equal(realId, await ExternalIdAsync(world, c.ConnectionId));
        Assert.Equal(c.WebhookIdAtBitbucket, await world.ScalarAsync<string>(
            "SELECT provider_hook_id FROM hooks WHERE connection_id = $1 AND status = 'registered'", c.ConnectionId));
        Assert.Equal(c.WebhookIdAtBitbucket, Assert.Single(await WebhookOnlyEndToEndTests.HooksAtBitbucketAsync(world))); // adopted, not doubled
        Assert.DoesNotContain("no token was given", await c.Browser.GetStringAsync("/integrations"));

        string after = await PushAndWaitForEventAsync(world, c, "After the token");
        Assert.True(ShowsPush(await ActivityAsync(c), after), "the push after the token is not on the Activity page");
    }

    [Fact]
    public async Task A_token_added_before_any_delivery_gives_the_row_its_real_id_at_once()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var hub = await StartHubAsync(world);
        string realId = await RepositoryAsync(world, Project, Slug);
        var c = await ConnectAsync(world, hub, "ada@a.test", "Tenant A");

        Assert.Equal(HttpStatusCode.Redirect, (await TenantSteps.AddTokenAsync(c.Browser, c.ConnectionId, Pat)).StatusCode);

        Assert.Equal(realId, await ExternalIdAsync(world, c.ConnectionId));
        Assert.Equal(c.WebhookIdAtBitbucket, await world.ScalarAsync<string>(
            "SELECT provider_hook_id FROM hooks WHERE connection_id = $1 AND status = 'registered'", c.ConnectionId));
        // Sending the webhook-only form again now would drop the token and strand the webhook: refused, nothing changes.
        var again = await Forms.SubmitAsync(c.Browser, "/integrations/bitbucket-dc", "bitbucket-dc", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc", ["Input.ProjectKey"] = Project, ["Input.RepositorySlug"] = Slug,
        });
        Assert.Contains("connected with a token already", await again.Content.ReadAsStringAsync());
        Assert.Equal("pat", await world.ScalarAsync<string>("SELECT auth_kind FROM connections WHERE id = $1", c.ConnectionId));
        string sha = await PushAndWaitForEventAsync(world, c, "First push");
        Assert.True(ShowsPush(await ActivityAsync(c), sha), "the push is not on the Activity page");
        await WaitUntilAsync(async () =>
            await world.ScalarAsync<string>("SELECT discovery_status FROM connections WHERE id = $1", c.ConnectionId) == "done", "discovery done");
        Assert.Equal(1L, await world.ScalarAsync<long>("SELECT count(*) FROM repositories WHERE connection_id = $1", c.ConnectionId));
    }

    /// <summary>The connection's kind and how many of its repositories the poll has taken on.</summary>
    private static async Task<(string?, long)> StateAsync(HubWorld world, Guid connectionId) =>
        (await world.ScalarAsync<string>("SELECT auth_kind FROM connections WHERE id = $1", connectionId),
            await world.ScalarAsync<long>("SELECT count(*) FROM poll_state WHERE connection_id = $1", connectionId)
            + await world.ScalarAsync<long>("SELECT count(*) FROM " + JobRows.Table + " WHERE connection_id = $1 AND status <> 'done'", connectionId));
}
