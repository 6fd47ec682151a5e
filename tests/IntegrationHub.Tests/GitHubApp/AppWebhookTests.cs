using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>One GitHub App webhook for many tenants: deliveries routed by installation id to the connection holding it.</summary>
public sealed class AppWebhookTests
{
    [Fact]
    public async Task A_push_arrives_through_the_app_webhook_as_an_event_of_the_tenant_holding_the_installation_only()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var acme1 = await stage.ReposAsync("acme1", "repo1");
        var acme2 = await stage.ReposAsync("acme2", "repo1");
        var (tenantA, connectionA) = await stage.AttachAsync("Tenant A", await stage.InstallAsync("acme1", "acme1/repo1"), "acme1", acme1);
        var (tenantB, _) = await stage.AttachAsync("Tenant B", await stage.InstallAsync("acme2", "acme2/repo1"), "acme2", acme2);

        await world.ControlAsync("events/push", new { provider = "github", repo = "acme1/repo1", branch = "main", commits = 1 });
        await world.ControlAsync("events/push", new { provider = "github", repo = "acme2/repo1", branch = "main", commits = 1 });

        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.CountAsync("SELECT count(*) FROM events WHERE tenant_id = $1 AND kind = 'Push' AND source = 'webhook'", tenantA) == 1
            && await world.CountAsync("SELECT count(*) FROM events WHERE tenant_id = $1 AND kind = 'Push' AND source = 'webhook'", tenantB) == 1),
            "each tenant's push did not arrive through the app webhook");
        // Each tenant's event is filed under its own repository, and its delivery under its own connection's app hook.
        Assert.Equal(["acme1/repo1"], await world.QueryAsync(
            "SELECT r.full_path FROM events e JOIN repositories r ON r.id = e.repository_id WHERE e.tenant_id = $1", tenantA));
        Assert.Equal(["acme2/repo1"], await world.QueryAsync(
            "SELECT r.full_path FROM events e JOIN repositories r ON r.id = e.repository_id WHERE e.tenant_id = $1", tenantB));
        Assert.Equal(1, await world.CountAsync("""
            SELECT count(*) FROM deliveries d JOIN hooks h ON h.id = d.hook_id
            WHERE d.tenant_id = $1 AND d.event_name = 'push' AND h.app_webhook AND h.connection_id = $2 AND h.repository_id IS NULL
            """, tenantA, connectionA));
        // No repository hook was ever registered: the app webhook carried it.
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM hooks WHERE repository_id IS NOT NULL"));
    }

    [Fact]
    public async Task A_delivery_with_a_wrong_or_missing_signature_is_refused_and_stores_nothing_and_a_good_one_is_stored_once()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        // The fixture's installation (id 1) and repository, attached to a tenant.
        var (tenant, _) = await stage.AttachAsync("Fixture", 1, "Codertocat", new() { ["Hello-World"] = "186853002" });
        byte[] push = IngestFixtures.Bytes("github/push.with-installation.json");

        using (var wrong = await stage.PostAsync(push, "push", "d-wrong", secret: "not-the-app-secret"))
        using (var unsigned = await stage.PostAsync(push, "push", "d-unsigned", secret: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        }

        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM deliveries"));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM github_app_unknown_installations"));

        using (var first = await stage.PostAsync(push, "push", "d-good"))
        using (var again = await stage.PostAsync(push, "push", "d-good"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM deliveries WHERE tenant_id = $1 AND delivery_id = 'd-good'", tenant));
        Assert.True(await HubWorld.EventuallyAsync(async () =>
            await world.CountAsync("SELECT count(*) FROM events WHERE tenant_id = $1 AND kind = 'TagDeleted'", tenant) == 1, seconds: 20),
            "the fixture's tag deletion was not filed: " + string.Join("; ", await world.QueryAsync("SELECT status || ' ' || coalesce(last_error, '') FROM deliveries")));
    }

    [Fact]
    public async Task Forged_deliveries_to_the_platform_app_webhook_do_not_get_GitHubs_address_refused_once_it_delivered()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        // A small rejection budget for the source address (the test's loopback address plays GitHub's egress address).
        var stage = await AppWebhookStage.StartAsync(world, new()
        {
            ["Hub:Ingest:Ingress:AddressRejectionBurst"] = "3",
            ["Hub:Ingest:Ingress:AddressRejectionsPerMinute"] = "1",
        });
        await stage.AttachAsync("Fixture", 1, "Codertocat", new() { ["Hello-World"] = "186853002" });
        byte[] push = IngestFixtures.Bytes("github/push.with-installation.json");

        using (var first = await stage.PostAsync(push, "push", "d-first"))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        // Someone's repository webhook with a wrong secret, pointed at the app webhook from the same (GitHub's) address.
        var forged = new List<HttpStatusCode>();
        for (int i = 0; i < 8; i++)
        {
            using var response = await stage.PostAsync(push, "push", $"d-forged-{i}", secret: "not-the-app-secret");
            forged.Add(response.StatusCode);
        }

        using var next = await stage.PostAsync(push, "push", "d-next");
        Assert.All(forged, code => Assert.Equal(HttpStatusCode.Unauthorized, code));
        Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
    }

    [Fact]
    public async Task Deliveries_for_an_installation_nobody_attached_are_answered_and_recorded_not_processed()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        await stage.ReposAsync("acme1", "repo1");
        long installation = await stage.InstallAsync("acme1", "acme1/repo1");
        await world.ControlAsync("events/push", new { provider = "github", repo = "acme1/repo1", branch = "main", commits = 1 });
        await world.SimDeliveriesIdleAsync();

        var recorded = await world.QueryAsync(
            "SELECT account_login, deliveries FROM github_app_unknown_installations WHERE installation_id = $1 AND app_id = $2 AND github_app_id IS NULL",
            r => (r.GetString(0), r.GetInt64(1)), installation, stage.AppId);
        // installation.created (which names the account) and the push.
        Assert.Equal([("acme1", 2L)], recorded);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM deliveries"));
        // GitHub saw both answered: nothing for the sweep to redeliver.
        var deliveries = (await world.SimGetAsync("/_sim/deliveries?provider=github")).AsArray();
        Assert.Equal(2, deliveries.Count);
        Assert.All(deliveries, d => Assert.All(d!["attempts"]!.AsArray(), a => Assert.Equal(202, (int)a!["statusCode"]!)));
    }
    [Fact]
    public async Task A_delivery_for_a_disconnected_app_connection_makes_no_hook_and_is_answered_as_for_an_unknown_installation()
    {
        await using var world = await HubWorld.StartAsync(AppWebhookStage.Options);
        var stage = await AppWebhookStage.StartAsync(world);
        var (_, connection) = await stage.AttachAsync("Dead", 1, "Codertocat", new() { ["Hello-World"] = "186853002" });
        await world.ExecAsync("UPDATE connections SET status = 'disconnected' WHERE id = $1", connection);
        byte[] push = IngestFixtures.Bytes("github/push.with-installation.json");

        using (var response = await stage.PostAsync(push, "push", "d-dead"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        }

        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM hooks WHERE connection_id = $1", connection));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM deliveries"));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM github_app_unknown_installations WHERE installation_id = 1"));
    }
}
