using System.Net;
using System.Text.Json.Nodes;
using StandardWebhooks.Diagnostics;
using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.Outbound.SubscriptionCalls;

namespace IntegrationHub.Tests.Outbound;

/// <summary>Events reach a real receiver, signed so that the Standard Webhooks package's verifier accepts them.</summary>
public sealed class OutboundDeliveryTests
{
    [Fact]
    public async Task New_event_arrives_signed_so_the_Standard_Webhooks_verifier_accepts_it()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, secret) = await CreateAsync(api, outbound.Receiver.Url);
        Assert.StartsWith("whsec_", secret);

        long eventId = await outbound.EventAsync(repo, Providers.Events.EventKind.PullRequestOpened);
        await outbound.FanOutUntilAsync(1);
        var webhook = Assert.Single(await outbound.SendUntilAsync(1));

        WebhookReceiver.Verify(webhook, secret);
        Assert.Throws<WebhookVerificationException>(() => WebhookReceiver.Verify(webhook, "whsec_" + Convert.ToBase64String(new byte[32])));
        Assert.Equal("/hooks/in?token=abc", webhook.PathAndQuery);
        Assert.Equal("application/json", webhook.Headers.ContentType.ToString());
        var body = JsonNode.Parse(webhook.Body)!;
        Assert.Equal("event.PullRequestOpened", body["type"]!.GetValue<string>());
        Assert.Equal(eventId, body["data"]!["id"]!.GetValue<long>());
        Assert.Equal(repo.RepositoryId, body["data"]!["repositoryId"]!.GetValue<Guid>());
        Assert.Equal("PullRequestOpened", body["data"]!["kind"]!.GetValue<string>());
        Assert.Equal(await world.ValueAsync<string>("SELECT message_id FROM outbound_deliveries WHERE event_id = $1", eventId), webhook.Id);
        Assert.Equal("delivered", await outbound.DeliveryStatusAsync(eventId));

        var attempts = await JsonAsync(await api.GetAsync($"/api/v1/subscriptions/{subscriptionId}/attempts"), HttpStatusCode.OK);
        var attempt = Assert.Single(attempts["data"]!.AsArray())!;
        Assert.Equal(200, attempt["statusCode"]!.GetValue<int>());
        Assert.Equal("thanks", attempt["responseExcerpt"]!.GetValue<string>());
        Assert.Equal(eventId, attempt["eventId"]!.GetValue<long>());
        Assert.Equal(webhook.Id, attempt["webhookId"]!.GetValue<string>());
    }

    [Fact]
    public async Task During_rotation_grace_both_the_old_and_the_new_secret_verify_and_after_it_only_the_new()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var repo = await outbound.RepositoryAsync(tenant);
        var (subscriptionId, oldSecret) = await CreateAsync(api, outbound.Receiver.Url);

        var rotated = await JsonAsync(await api.PostAsync($"/api/v1/subscriptions/{subscriptionId}/rotate-secret", null), HttpStatusCode.OK);
        string newSecret = rotated["secret"]!.GetValue<string>();
        Assert.NotEqual(oldSecret, newSecret);
        var validUntil = rotated["previousValidUntil"]!.GetValue<DateTimeOffset>();
        Assert.InRange(validUntil - DateTimeOffset.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24.1));

        await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(1);
        var during = Assert.Single(await outbound.SendUntilAsync(1));
        Assert.Equal(2, during.Signature.Split(' ').Length);
        WebhookReceiver.Verify(during, newSecret); // the current secret's signature comes first
        WebhookReceiver.VerifyAny(during, oldSecret);
        WebhookReceiver.VerifyAny(during, newSecret);
        Assert.Throws<AggregateException>(() => WebhookReceiver.VerifyAny(during, "whsec_" + Convert.ToBase64String(new byte[32])));

        // Past the grace period only the new secret signs. (The package's verifier also checks the timestamp against
        // the real clock, which this test moved a day ahead, so the signature is compared with the package's Sign.)
        outbound.Clock.Advance(TimeSpan.FromHours(25));
        await outbound.EventAsync(repo);
        await outbound.FanOutUntilAsync(2);
        var after = (await outbound.SendUntilAsync(2))[1];
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(long.Parse(after.Headers["webhook-timestamp"].ToString()));
        Assert.Equal(new StandardWebhooks.StandardWebhook(newSecret).Sign(after.Id, timestamp, after.Body), after.Signature);
    }

    [Fact]
    public async Task Kinds_and_repositories_filters_choose_which_events_a_subscription_gets()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenant, api) = await outbound.TenantAsync("Tenant A");
        var widgets = await outbound.RepositoryAsync(tenant, "1", "acme/widgets");
        var gadgets = await outbound.RepositoryAsync(tenant, "2", "acme/gadgets");
        var (all, _) = await CreateAsync(api, outbound.Receiver.Url);
        var (pullRequests, _) = await CreateAsync(api, outbound.Receiver.Url, kinds: ["PullRequestOpened"]);
        var (gadgetsOnly, _) = await CreateAsync(api, outbound.Receiver.Url, repositories: [gadgets.RepositoryId]);

        long push = await outbound.EventAsync(widgets);
        long opened = await outbound.EventAsync(widgets, Providers.Events.EventKind.PullRequestOpened);
        long gadgetPush = await outbound.EventAsync(gadgets);
        await outbound.FanOutUntilAsync(5);

        Assert.Equal([push, opened, gadgetPush], await EventsOfAsync(world, all));
        Assert.Equal([opened], await EventsOfAsync(world, pullRequests));
        Assert.Equal([gadgetPush], await EventsOfAsync(world, gadgetsOnly));
    }

    [Fact]
    public async Task Two_tenants_sharing_a_provider_repository_each_get_only_their_own_events()
    {
        await using var world = await HubWorld.StartAsync(OutboundDriver.WorldOptions());
        await using var outbound = await OutboundDriver.StartAsync(world);
        var (tenantA, apiA) = await outbound.TenantAsync("Tenant A");
        var (tenantB, apiB) = await outbound.TenantAsync("Tenant B");
        var repoA = await outbound.RepositoryAsync(tenantA, "4242", "shared/repo");
        var repoB = await outbound.RepositoryAsync(tenantB, "4242", "shared/repo");
        var (subA, _) = await CreateAsync(apiA, outbound.Receiver.Url);
        var (subB, _) = await CreateAsync(apiB, outbound.Receiver.Url);

        long eventA = await outbound.EventAsync(repoA);
        long eventB = await outbound.EventAsync(repoB);
        await outbound.FanOutUntilAsync(2);

        Assert.Equal([eventA], await EventsOfAsync(world, subA));
        Assert.Equal([eventB], await EventsOfAsync(world, subB));
        var received = await outbound.SendUntilAsync(2);
        Assert.Equal([eventA, eventB], received.Select(r => r.EventId).Order());
    }

    private static async Task<long[]> EventsOfAsync(HubWorld world, Guid subscriptionId) =>
        await world.ValueAsync<long[]>("SELECT coalesce(array_agg(event_id ORDER BY event_id), '{}') FROM outbound_deliveries WHERE subscription_id = $1",
            subscriptionId);
}
