using IntegrationHub.Tests.World;
using static IntegrationHub.Tests.WebhookOnly.WebhookOnlyScenario;

namespace IntegrationHub.Tests.WebhookOnly;

/// <summary>The real id a delivery names is recorded on its own hook's row only: never another repository's, never another tenant's.</summary>
public sealed class WebhookOnlyTenantTests
{
    [Fact]
    public async Task Another_tenants_stand_in_for_the_same_repository_and_a_foreign_repositorys_delivery_touch_nothing()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var hub = await StartHubAsync(world);
        string realId = await RepositoryAsync(world, Project, Slug);
        await RepositoryAsync(world, Project, "service2");
        // Tenant B connects the same instance, project and slug without a token, but never adds the webhook.
        var b = await TenantSteps.SignUpAsync(hub, "bo@b.test", "Tenant B");
        await TenantSteps.ConnectWebhookOnlyAsync(world, b, Project, Slug);
        Guid bConnection = await TenantSteps.ConnectionIdAsync(world, "Tenant B");
        var a = await ConnectAsync(world, hub, "ada@a.test", "Tenant A");
        // Tenant A's URL and secret also pasted, by mistake, into another repository's settings.
        await TenantSteps.AddWebhookAtBitbucketAsync(world, Project, "service2", a.HookUrl, a.Secret);

        await PushAsync(world, $"{Project}/service2", "Elsewhere");
        await WaitUntilAsync(async () => await world.ScalarAsync<long>(
            "SELECT count(*) FROM deliveries WHERE connection_id = $1 AND status = 'failed'", a.ConnectionId) == 1, "the foreign delivery failed");
        Assert.Contains("not this hook's repository", await world.ScalarAsync<string>(
            "SELECT last_error FROM deliveries WHERE connection_id = $1", a.ConnectionId));
        Assert.Equal(FullPath, await ExternalIdAsync(world, a.ConnectionId));
        Assert.Equal(0L, await EventsAsync(world, a.ConnectionId));

        string sha = await PushAndWaitForEventAsync(world, a, "Ours");

        Assert.True(ShowsPush(await ActivityAsync(a), sha), "the push is not on tenant A's Activity page");
        Assert.Equal(realId, await ExternalIdAsync(world, a.ConnectionId));
        Assert.Equal(FullPath, await ExternalIdAsync(world, bConnection)); // B's stand-in is untouched
        Assert.Equal(0L, await EventsAsync(world, bConnection));
        Assert.DoesNotContain(sha[..7], await b.GetStringAsync("/activity"));
    }
}
