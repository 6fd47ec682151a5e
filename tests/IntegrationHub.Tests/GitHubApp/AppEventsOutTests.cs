using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Actions;
using IntegrationHub.Tests.Feed;
using IntegrationHub.Tests.Outbound;
using IntegrationHub.Tests.Poll;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using static IntegrationHub.Tests.Actions.ActionsCalls;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// Events out and replies through an app connection: what the poll finds on the installation's repository reaches the
/// tenant's events API and webhook subscription, and replies go to GitHub as the app. A second tenant watching the same
/// repository through its own OAuth connection never sees the first one's event or reply.
/// </summary>
public sealed class AppEventsOutTests
{
    [Fact]
    public async Task An_app_connections_event_goes_out_and_its_reply_and_status_are_written_by_the_app_and_another_tenant_sees_neither()
    {
        var app = KnownGitHubApp.New();
        var settings = PollSim.Options().Settings.Concat(OutboundDriver.WorldOptions().Settings).ToDictionary();
        await using var world = await HubWorld.StartAsync(app.Options() with { Settings = settings });
        await using var outbound = await OutboundDriver.StartAsync(world);
        await using var receiverB = await WebhookReceiver.StartAsync();

        // acme1/shared, installed for the app by acme1 and also visible to bob, who connects it to tenant B with OAuth.
        await world.ControlAsync("users", new { provider = "github", login = "bob" });
        var repo = await world.ControlAsync("repos", new { provider = "github", owner = "acme1", name = "shared", visibleTo = new[] { "bob" } });
        string externalId = ((long)repo["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.RegisterAsync(world, permissions: new() { ["contents"] = "read", ["metadata"] = "read", ["issues"] = "write", ["statuses"] = "write" });
        var connectionA = await app.ConnectionAsync(world, await app.InstallAsync(world, "acme1", "acme1/shared"), "acme1");
        var a = new TenantKey(world.TenantId, "a-bot", await world.ApiClientAsync(world.TenantId, "a-bot"));
        var repositoryA = await SharedRepositoryAsync(world, a.TenantId, connectionA, externalId);
        var tenantB = await world.TenantAsync("Tenant B");
        var b = new TenantKey(tenantB, "b-bot", await world.ApiClientAsync(tenantB, "b-bot"));
        var repositoryB = await SharedRepositoryAsync(world, tenantB, await OAuthConnectionAsync(world, tenantB, "bob"), externalId);
        var (_, secretA) = await SubscriptionCalls.CreateAsync(a.Client, outbound.Receiver.Url);
        await SubscriptionCalls.CreateAsync(b.Client, receiverB.Url);
        var poll = new PollSim(world);
        await poll.CycleAsync(); // the first look

        // The app's webhook goes to a closed port: the poll finds the issue.
        int issue = (int)(await world.ControlAsync("events/issue-open", new { provider = "github", repo = "acme1/shared", title = "Bug", body = "It breaks" }))["number"]!;
        string sha = (string)(await world.ControlAsync("events/push", new { provider = "github", repo = "acme1/shared" }))["sha"]!;
        await poll.MakeDueAsync();
        await poll.CycleAsync();

        JsonObject? opened = null;
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            (opened = (await ApiPage.GetAsync(a.Client, "?limit=100")).Data.FirstOrDefault(e => (string?)e["kind"] == "IssueOpened")) is not null), "no IssueOpened event for A");
        long eventId = opened!["id"]!.GetValue<long>();
        Assert.Equal(repositoryA, opened["repositoryId"]!.GetValue<Guid>());
        await outbound.FanOutUntilAsync((int)await world.CountAsync("SELECT count(*) FROM events"));
        await outbound.SendUntilAsync((int)await world.CountAsync("SELECT count(*) FROM events WHERE tenant_id = $1", a.TenantId));
        var toA = outbound.Receiver.Received.Single(w => w.EventId == eventId);
        WebhookReceiver.Verify(toA, secretA);

        await ExpectAsync(await ReplyAsync(a, eventId, new { body = "Looking into it" }), 201);
        await ExpectAsync(await StatusAsync(a, repositoryA, new { sha, state = "success", context = "ci/app" }), 201);

        var comment = Assert.Single(await CommentsAsync(world));
        Assert.Equal(("Looking into it", issue, app.BotLogin), ((string)comment!["body"]!, (int)comment["number"]!, (string)comment["author"]!));
        var status = Assert.Single((JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/statuses?provider=github&repo=acme1%2Fshared"))!);
        Assert.Equal((sha, "ci/app", app.BotLogin), ((string)status!["sha"]!, (string)status["context"]!, (string)status["creator"]!));

        // Tenant B: A's event, A's repository and A's reply do not exist for its key, and its receiver got none of A's events.
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/events/{eventId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.Client.GetAsync($"/api/v1/events?repository={repositoryA}")).StatusCode);
        Assert.All((await ApiPage.GetAsync(b.Client, "?limit=100")).Data, e => Assert.Equal(repositoryB, e["repositoryId"]!.GetValue<Guid>()));
        await ExpectAsync(await ReplyAsync(b, eventId, new { body = "from b" }), 404);
        Assert.All(receiverB.Received, w => Assert.Equal(repositoryB, JsonNode.Parse(w.Body)!["data"]!["repositoryId"]!.GetValue<Guid>()));
        Assert.Empty(await world.QueryAsync("SELECT action FROM audit_log WHERE tenant_id = $1 AND (action LIKE '%.posted' OR action = 'status.set')", tenantB));
        Assert.Single(await CommentsAsync(world));
    }

    private static async Task<JsonArray> CommentsAsync(HubWorld world) =>
        (JsonArray)JsonNode.Parse(await world.Sim.GetStringAsync("/_sim/comments?provider=github&repo=acme1%2Fshared"))!;

    private static async Task<Guid> SharedRepositoryAsync(HubWorld world, Guid tenant, Guid connection, string externalId)
    {
        var id = await world.RepositoryAsync(tenant, connection, "acme1/shared", externalId);
        await world.ExecAsync("UPDATE repositories SET default_branch = 'main', first_seen_at = now() - interval '1 minute' WHERE id = $1", id);
        return id;
    }

    /// <summary>A connection of <paramref name="tenant"/> as the OAuth connect leaves it, with a token the simulator issued to <paramref name="login"/>.</summary>
    private static async Task<Guid> OAuthConnectionAsync(HubWorld world, Guid tenant, string login)
    {
        string token = (string)(await world.ControlAsync("tokens", new { provider = "github", user = login, scopes = new[] { "repo" } }))["token"]!;
        var id = Guid.NewGuid();
        await world.ExecAsync("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, access_token_protected, created_at, updated_at)
            VALUES ($1, $2, 'github', $3, 'GitHub · bob', $4, $4, 'active', 'oauth_platform', $5, now(), now())
            """, id, tenant, world.SimUrl + "/github", login, world.Hub.Services.GetRequiredService<ISecretProtector>().Protect(token));
        return id;
    }
}
