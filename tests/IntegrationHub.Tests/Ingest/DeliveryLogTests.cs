using System.Net;
using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using IntegrationHub.WebhookIntake;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Ingest;

/// <summary>The per-hook delivery log: counts, rejection reasons, processing failures (its rows through the grid's query), and "Redeliver".</summary>
public sealed class DeliveryLogTests
{
    [Fact]
    public async Task Delivery_log_shows_accepted_duplicate_rejected_and_failed_and_redeliver_reprocesses()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = await world.SignedUpAsync("alice@a.test", "Tenant A");
        Guid tenant = Guid.Parse((await world.TextAsync("SELECT id FROM tenants WHERE name = 'Tenant A'"))!);
        var hook = await world.SignedHookAsync(tenant, "github", "s3cret-github", externalId: "186853002");
        var gitlab = await world.SignedHookAsync(tenant, "gitlab", "s3cret-gitlab");
        byte[] push = IngestFixtures.Bytes("github/push.new-branch.json");
        string deliveryId = Guid.NewGuid().ToString();
        var client = world.Hub.CreateClient();
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, push, "push", deliveryId));
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, push, "push", deliveryId));
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, push, "push", Guid.NewGuid().ToString(), secret: "wrong"));
        await client.SendAsync(SignedDeliveries.Create(Scheme.GitLabToken, gitlab, "{\"object_kind\":\"push\"}"u8.ToArray(), "Push Hook", Guid.NewGuid().ToString()));
        await InboxRun.Start(world).RunAsync();
        await world.FlushRejectionsAsync();

        string log = await (await alice.GetAsync($"/hooks/{hook.Id}/deliveries")).Content.ReadAsStringAsync();
        string gitlabLog = await (await alice.GetAsync($"/hooks/{gitlab.Id}/deliveries")).Content.ReadAsStringAsync();
        // The stored deliveries load on the page's circuit (a server-paged grid): read as the grid reads them.
        var stored = await RowsAsync(world, tenant, hook.Id);
        var gitlabStored = await RowsAsync(world, tenant, gitlab.Id);
        long row = await world.CountAsync("SELECT id FROM deliveries WHERE hook_id = $1", hook.Id);
        var redeliver = await Forms.SubmitAsync(alice, $"/hooks/{hook.Id}/deliveries", null, new Dictionary<string, string>(),
            action: $"/hooks/{hook.Id}/deliveries/{row}/redeliver");
        string queued = (await world.TextAsync("SELECT status FROM deliveries WHERE id = $1", row))!;
        await InboxRun.Start(world).RunAsync();

        Assert.Contains("<strong>1</strong> accepted", log);
        Assert.Contains("<strong>1</strong> duplicates", log);
        Assert.Contains("<strong>1</strong> rejected", log);
        Assert.Contains("wrong secret or tampered body", log);
        var accepted = Assert.Single(stored.Rows);
        Assert.Equal(1, stored.Total);
        Assert.Equal((deliveryId, "processed"), (accepted.DeliveryId, accepted.Status));
        var failed = Assert.Single(gitlabStored.Rows);
        Assert.Equal("failed", failed.Status);
        Assert.Contains("missing required field", failed.LastError);
        Assert.Contains("<strong>1</strong> failed in processing", gitlabLog);
        Assert.Equal(HttpStatusCode.Redirect, redeliver.StatusCode);
        Assert.Equal("pending", queued);
        Assert.Equal("processed", await world.TextAsync("SELECT status FROM deliveries WHERE id = $1", row));
        Assert.Equal(2, await world.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1", hook.RepositoryId));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'delivery.redeliver' AND tenant_id = $1", tenant));
    }

    [Fact]
    public async Task Delivery_log_and_redeliver_of_another_tenants_hook_show_nothing()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = await world.SignedUpAsync("alice@a.test", "Tenant A");
        Guid tenantB = await world.TenantAsync("Tenant B");
        var hookB = await world.SignedHookAsync(tenantB, "github", "bobs-secret");
        string deliveryId = Guid.NewGuid().ToString();
        await world.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitHub, hookB, IngestFixtures.Bytes("github/push.new-branch.json"), "push", deliveryId));
        long row = await world.CountAsync("SELECT id FROM deliveries WHERE hook_id = $1", hookB.Id);

        var page = await alice.GetAsync($"/hooks/{hookB.Id}/deliveries");
        string html = await page.Content.ReadAsStringAsync();
        var redeliver = await Forms.SubmitAsync(alice, "/activity", null, new Dictionary<string, string>(),
            action: $"/hooks/{hookB.Id}/deliveries/{row}/redeliver");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("There is nothing at this address", html); // the not-found page: its "does not contain" below means something
        Assert.DoesNotContain(deliveryId, html);
        Assert.Equal(0, (await RowsAsync(world, await world.ValueAsync<Guid>("SELECT id FROM tenants WHERE name = 'Tenant A'"), hookB.Id)).Total);
        Assert.Equal(HttpStatusCode.NotFound, redeliver.StatusCode);
        Assert.Equal("pending", await world.TextAsync("SELECT status FROM deliveries WHERE id = $1", row));
    }

    /// <summary>The first page of a hook's stored deliveries, as the page's grid reads them for a person of <paramref name="tenant"/>.</summary>
    private static async Task<DeliveryLogRows> RowsAsync(HubWorld world, Guid tenant, Guid hookId)
    {
        await using var scope = world.Hub.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(Guid.NewGuid(), "test", false, tenant, "Tenant", "owner");
        return await scope.ServiceProvider.GetRequiredService<DeliveryLog>().PageAsync(hookId, 0, 50, CancellationToken.None);
    }
}
