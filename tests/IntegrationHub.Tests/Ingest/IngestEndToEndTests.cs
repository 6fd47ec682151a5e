using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Ingest;

/// <summary>Real fixtures from every provider, posted to the web host, processed by a worker node, shown on the dashboard.</summary>
public sealed class IngestEndToEndTests
{
    [Fact]
    public async Task Fixture_deliveries_from_every_provider_end_up_as_events_on_the_tenants_activity_page_only()
    {
        await using var world = await HubWorld.StartAsync();
        var alice = await world.SignedUpAsync("alice@a.test", "Tenant A");
        Guid tenantA = Guid.Parse((await world.TextAsync("SELECT id FROM tenants WHERE name = 'Tenant A'"))!);
        Guid tenantB = await world.TenantAsync("Tenant B");
        var cases = new (Scheme Scheme, string Path, string ExternalId, string Kind)[]
        {
            (Scheme.GitHub, "octo/github-repo", "186853002", "Push"),
            (Scheme.GitLabToken, "group/gitlab-repo", "15", "Push"),
            (Scheme.BitbucketCloud, "team/bbc-repo", "{673a6070-3421-46c9-9d48-90745f7bfe8e}", "Push"),
            (Scheme.BitbucketDataCenter, "PRJ/bbdc-repo", "4", "BranchDeleted"),
            (Scheme.AzureDevOps, "fabrikam/azure-repo", "278d5cd2-584d-4b63-824a-2ba458937249", "Push"),
        };
        var hooks = new List<TestHook>();
        foreach (var c in cases)
        {
            var hook = await world.SignedHookAsync(tenantA, SignedDeliveries.Provider(c.Scheme), SignedDeliveries.NewSecret(c.Scheme), repositoryPath: c.Path, externalId: c.ExternalId);
            var (fixture, eventName) = SignedDeliveries.Push(c.Scheme);
            var response = await world.Hub.CreateClient().SendAsync(SignedDeliveries.Create(c.Scheme, hook, IngestFixtures.Bytes(fixture), eventName, Guid.NewGuid().ToString()));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            hooks.Add(hook);
        }

        var other = await world.SignedHookAsync(tenantB, "github", "other-secret", repositoryPath: "tenant-b/secret-repo", externalId: "186853002");
        await world.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitHub, other, IngestFixtures.Bytes("github/pull_request.opened.json"), "pull_request", Guid.NewGuid().ToString()));

        // A worker node whose inbox process pauses a second when idle; the checks below say whether it processed everything.
        var worker = await world.StartWorkerAsync("ingest-e2e", new() { ["Hub:Ingest:JobSeconds"] = "1" });
        await HubWorld.EventuallyAsync(async () => await world.CountAsync("SELECT count(*) FROM deliveries WHERE status IN ('pending', 'processing')") == 0);
        await world.StopWorkerAsync(worker);

        foreach (var (c, hook) in cases.Zip(hooks))
        {
            Assert.Equal("processed", await world.TextAsync("SELECT status FROM deliveries WHERE hook_id = $1", hook.Id));
            Assert.True(await world.CountAsync("SELECT count(*) FROM events WHERE repository_id = $1 AND kind = $2 AND source = 'webhook' AND delivery_id IS NOT NULL",
                hook.RepositoryId, c.Kind) >= 1, $"{c.Scheme}: no {c.Kind} event stored");
        }

        string activity = await (await alice.GetAsync("/activity")).Content.ReadAsStringAsync();
        foreach (var c in cases)
        {
            Assert.Contains(c.Path, activity);
        }

        Assert.DoesNotContain("tenant-b/secret-repo", activity);
        string filtered = await (await alice.GetAsync($"/activity?repository={hooks[1].RepositoryId}&source=webhook&kind=Push")).Content.ReadAsStringAsync();
        Assert.Contains("group/gitlab-repo", filtered);
        Assert.DoesNotContain("octo/github-repo</td>", filtered);
    }
}
