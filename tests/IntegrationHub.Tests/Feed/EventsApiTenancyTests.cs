using System.Net;
using IntegrationHub.Api;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Feed;

/// <summary>A key reads its own tenant's events only, even when two tenants watch the same provider repository.</summary>
public sealed class EventsApiTenancyTests(HubWorldFixture fx) : IClassFixture<HubWorldFixture>
{
    private HubWorld World => fx.World;

    [Fact]
    public async Task Tenants_watching_the_same_repository_each_read_only_their_own_events()
    {
        var tenantA = await World.TenantAsync("Tenant A");
        var tenantB = await World.TenantAsync("Tenant B");
        // One GitHub repository, watched by both tenants: a repository row and a hook each.
        var hookA = await World.SignedHookAsync(tenantA, "github", "secret-a", repositoryPath: "octo/shared", externalId: "186853002");
        var hookB = await World.SignedHookAsync(tenantB, "github", "secret-b", repositoryPath: "octo/shared", externalId: "186853002");
        byte[] push = IngestFixtures.Bytes("github/push.new-branch.json");
        foreach (var hook in new[] { hookA, hookB })
        {
            var response = await fx.World.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, push, "push", Guid.NewGuid().ToString()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        var processing = InboxRun.Start(World);
        while (await processing.RunAsync() > 0)
        {
        }

        var clientA = ApiKeys.Client(fx.World.Hub, await ApiKeys.CreateAsync(fx.World.Hub.Services, tenantA, "a", ApiScopes.EventsRead));
        var clientB = ApiKeys.Client(fx.World.Hub, await ApiKeys.CreateAsync(fx.World.Hub.Services, tenantB, "b", ApiScopes.EventsRead));
        // The new-branch push yields two events per tenant: BranchCreated and Push, with the same natural keys.
        var (idsA, nextA) = await ApiPage.FollowAsync(clientA, "", 2);
        var (idsB, nextB) = await ApiPage.FollowAsync(clientB, "", 2);
        var pageA = await ApiPage.GetAsync(clientA);
        var pageB = await ApiPage.GetAsync(clientB);
        var moreB = await ApiPage.GetAsync(clientB, $"?wait=1&after={Uri.EscapeDataString(nextB)}");

        Assert.Equal(2, idsA.Count);
        Assert.Equal(2, idsB.Count);
        Assert.Empty(idsA.Intersect(idsB));
        Assert.All(pageA.Data, e => Assert.Equal(hookA.RepositoryId, e["repositoryId"]!.GetValue<Guid>()));
        Assert.All(pageB.Data, e => Assert.Equal(hookB.RepositoryId, e["repositoryId"]!.GetValue<Guid>()));
        Assert.Equal(pageA.Data.Select(e => e["naturalKey"]!.GetValue<string>()), pageB.Data.Select(e => e["naturalKey"]!.GetValue<string>()));
        Assert.Empty(moreB.Data);
        Assert.NotEqual(nextA, nextB);

        // A's event and A's repository do not exist for B's key.
        foreach (long id in idsA)
        {
            Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync($"/api/v1/events/{id}")).StatusCode);
            var fromB = await clientB.GetAsync($"/api/v1/events/{id}");
            Assert.Equal(HttpStatusCode.NotFound, fromB.StatusCode);
            Assert.DoesNotContain("octo/shared", await fromB.Content.ReadAsStringAsync());
        }

        var repoOfA = await clientB.GetAsync($"/api/v1/events?repository={hookA.RepositoryId}");
        Assert.Equal(HttpStatusCode.NotFound, repoOfA.StatusCode);
        Assert.Equal("application/problem+json", repoOfA.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, await World.CountAsync("SELECT count(*) FROM events WHERE tenant_id IN ($1, $2)", tenantA, tenantB));
    }
}
