using System.Net;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.WebhookPageSteps;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Who may do what on the webhook pages: members look and change nothing; another tenant finds nothing.</summary>
public sealed class WebhookPagesAccessTests
{
    [Fact]
    public async Task Member_sees_the_subscriptions_but_cannot_create_or_change_one()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, Url);
        var subscription = (await FindAsync(hub, tenantA))!;
        var (bob, _) = await SignUpAsync(hub, "bob@b.test", "Tenant B");
        await JoinAsMemberAsync(hub, bob, "bob@b.test", tenantA);

        string list = await bob.GetStringAsync("/settings/webhooks");
        Assert.Contains("https://203.0.113.10/hooks", list);
        Assert.DoesNotContain("create-webhook", list);
        string detail = await bob.GetStringAsync($"/settings/webhooks/{subscription.Id}");
        Assert.DoesNotContain("toggle-webhook", detail);
        Assert.DoesNotContain("rotate-secret", detail);

        // A forged post is refused on the server, not just hidden.
        // (The page renders no create form for a member, so the framework refuses the post before the page's own check.)
        var create = await CreateAsync(bob, "https://203.0.113.11/other");
        AssertRefused(create);
        Assert.DoesNotContain("whsec_", await create.Content.ReadAsStringAsync());
        var disable = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/toggle", "toggle-webhook", ("enable", "false"));
        AssertRefused(disable);
        var rotate = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/rotate", "rotate-secret");
        AssertRefused(rotate);
        Assert.DoesNotContain("whsec_", await rotate.Content.ReadAsStringAsync());
        var delete = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/delete", "delete-webhook");
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);

        var after = await FindAsync(hub, tenantA, subscription.Id);
        Assert.NotNull(after);
        Assert.True(after.Enabled);
        Assert.Equal(subscription.SecretProtected, after.SecretProtected);
        Assert.Equal(1, await CountAsync(hub, tenantA));
    }

    [Fact]
    public async Task Member_sees_urls_without_their_query_and_no_response_excerpts_and_the_audit_log_keeps_no_query()
    {
        const string withToken = "https://203.0.113.12/in?token=secret-of-the-receiver";
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, withToken);
        var subscription = (await FindAsync(hub, tenantA))!;
        await SeedFailedDeliveryAsync(hub, tenantA, subscription.Id); // its attempt's excerpt: "receiver exploded"
        var (bob, _) = await SignUpAsync(hub, "bob@b.test", "Tenant B");
        await JoinAsMemberAsync(hub, bob, "bob@b.test", tenantA);

        string list = await bob.GetStringAsync("/settings/webhooks");
        string detail = await bob.GetStringAsync($"/settings/webhooks/{subscription.Id}");
        foreach (string page in (string[])[list, detail])
        {
            Assert.Contains("https://203.0.113.12/in", page);
            Assert.DoesNotContain("token=", page);
            Assert.DoesNotContain("secret-of-the-receiver", page);
        }

        Assert.Contains("HTTP 500", detail); // the attempt is listed...
        Assert.DoesNotContain("receiver exploded", detail); // ...without what the endpoint answered

        // The owner sees everything.
        string owners = await alice.GetStringAsync($"/settings/webhooks/{subscription.Id}");
        Assert.Contains("token=secret-of-the-receiver", owners);
        Assert.Contains("receiver exploded", owners);

        await using var data = Npgsql.NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = data.CreateCommand("SELECT string_agg(detail, ' | ') FROM audit_log WHERE tenant_id = $1 AND action LIKE 'subscription.%'");
        cmd.Parameters.Add(new() { Value = tenantA });
        string audit = (string)(await cmd.ExecuteScalarAsync())!;
        Assert.Contains("https://203.0.113.12/in?", audit);
        Assert.DoesNotContain("secret-of-the-receiver", audit);
    }

    [Fact]
    public async Task Owner_of_another_tenant_gets_404_for_a_subscription_and_changes_nothing()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, Url);
        var subscription = (await FindAsync(hub, tenantA))!;
        var (bob, _) = await SignUpAsync(hub, "bob@b.test", "Tenant B");

        var detail = await bob.GetAsync($"/settings/webhooks/{subscription.Id}");
        Assert.Equal(HttpStatusCode.NotFound, detail.StatusCode);
        string detailHtml = await detail.Content.ReadAsStringAsync();
        Assert.Contains("There is nothing at this address", detailHtml); // the not-found page, not a blank one
        Assert.DoesNotContain(Url, detailHtml);
        Assert.DoesNotContain(Url, await bob.GetStringAsync("/settings/webhooks"));

        var disable = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/toggle", "toggle-webhook", ("enable", "false"));
        var rotate = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/rotate", "rotate-secret");
        var replay = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/replay", "replay-since", ("since", "2020-01-01T00:00"));
        var delete = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/delete", "delete-webhook");
        Assert.All([disable, rotate, replay, delete], AssertRefused);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.DoesNotContain(Url, await delete.Content.ReadAsStringAsync());
        Assert.DoesNotContain("whsec_", await rotate.Content.ReadAsStringAsync());

        var after = await FindAsync(hub, tenantA, subscription.Id);
        Assert.NotNull(after);
        Assert.True(after.Enabled);
        Assert.Equal(subscription.SecretProtected, after.SecretProtected);
        Assert.Null(after.PreviousSecretProtected);
    }

    [Fact]
    public async Task Owner_of_another_tenant_cannot_replay_a_delivery_of_the_subscription()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, Url);
        var subscription = (await FindAsync(hub, tenantA))!;
        long deliveryId = await SeedFailedDeliveryAsync(hub, tenantA, subscription.Id);
        var (bob, _) = await SignUpAsync(hub, "bob@b.test", "Tenant B");

        var response = await PostAsync(bob, $"/settings/webhooks/{subscription.Id}/replay", "replay-one", ("deliveryId", deliveryId.ToString()));

        AssertRefused(response);
        Assert.Equal(("failed", 8), await DeliveryAsync(hub, deliveryId));
    }

    private static void AssertRefused(HttpResponseMessage response) =>
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"expected a refusal, got {(int)response.StatusCode}");

    private static async Task<int> CountAsync(HubFactory hub, Guid tenantId)
    {
        await using var db = TestDb.Create(hub.ConnectionString, tenantId);
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Subscriptions);
    }
}
