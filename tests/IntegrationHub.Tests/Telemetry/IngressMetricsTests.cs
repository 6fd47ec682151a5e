using System.Net;
using System.Text;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>The ingress and the inbox's meters moving under real deliveries to a hub on a real PostgreSQL.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class IngressMetricsTests
{
    [Fact]
    public async Task Ingress_counts_received_verified_rejected_by_reason_and_stored_and_times_each_acknowledgement()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Metrics" });
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");
        var unknown = hook with { Id = Guid.NewGuid() };
        using var meters = MeterCapture.Start();
        var client = world.Hub.CreateClient();
        byte[] body = IngestFixtures.Bytes("github/push.new-branch.json");
        string first = Guid.NewGuid().ToString();

        var answers = new List<HttpStatusCode>();
        foreach (string id in new[] { first, Guid.NewGuid().ToString(), Guid.NewGuid().ToString(), first })
        {
            answers.Add((await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, body, "push", id))).StatusCode);
        }

        answers.Add((await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook, body, "push", Guid.NewGuid().ToString(), secret: "wrong"))).StatusCode);
        answers.Add((await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, unknown, body, "push", Guid.NewGuid().ToString()))).StatusCode);

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.OK,
            HttpStatusCode.Unauthorized, HttpStatusCode.NotFound], answers);
        var github = ("provider", "github");
        Assert.Equal(6, meters.Sum("ihub.deliveries.received", github));
        Assert.Equal(4, meters.Sum("ihub.deliveries.verified", github));
        Assert.Equal(3, meters.Sum("ihub.deliveries.stored", github));
        Assert.Equal(1, meters.Sum("ihub.deliveries.rejected", github, ("reason", "bad_signature")));
        Assert.Equal(1, meters.Sum("ihub.deliveries.rejected", github, ("reason", "unknown_hook")));
        Assert.Equal(2, meters.Sum("ihub.deliveries.rejected"));
        // Three stored and one duplicate were acknowledged; each took some time, none a minute.
        Assert.Equal(4, meters.Sum("ihub.deliveries.ack.duration", github));
        Assert.InRange(meters.HistogramSum("ihub.deliveries.ack.duration", github), 1e-6, 60);
        Assert.Equal(0, meters.Sum("ihub.deliveries.received", ("provider", "gitlab")));
    }

    [Fact]
    public async Task Inbox_gauges_read_depth_and_oldest_age_from_PostgreSQL_and_processing_counts_failures()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Metrics", ManualClock = true });
        var gitlab = await world.SignedHookAsync(world.TenantId, "gitlab", SignedDeliveries.NewSecret(Scheme.GitLabToken), repositoryPath: "acme/one");
        var github = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002",
            repositoryPath: "acme/two");
        await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), repositoryPath: "acme/three", hookStatus: "failed");
        using var meters = MeterCapture.Start();
        var client = world.Hub.CreateClient();

        var stored = await client.SendAsync(SignedDeliveries.Create(Scheme.GitHub, github, IngestFixtures.Bytes("github/push.new-branch.json"), "push",
            Guid.NewGuid().ToString()));
        // GitLab punishes failures: a verified body that is not JSON is acknowledged, and fails in processing.
        var poison = await client.SendAsync(SignedDeliveries.Create(Scheme.GitLabToken, gitlab, Encoding.UTF8.GetBytes("not json"), "Push Hook",
            Guid.NewGuid().ToString()));
        world.Clock!.Advance(TimeSpan.FromSeconds(42));

        Assert.Equal(HttpStatusCode.Accepted, stored.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, poison.StatusCode);
        Assert.Equal(2, meters.Gauge("ihub.inbox.depth"));
        Assert.Equal(42, meters.Gauge("ihub.inbox.oldest.age"), precision: 3);
        Assert.Equal(2, meters.Gauge("ihub.hooks", ("state", "registered")));
        Assert.Equal(1, meters.Gauge("ihub.hooks", ("state", "failed")));
        Assert.Equal(0, meters.Gauge("ihub.hooks", ("state", "disabled")));
        Assert.Equal(0, meters.Gauge("ihub.outbound.pending"));

        await InboxRun.Start(world).RunAsync();
        // The gauges keep their reading for the cache's seconds: no query per scrape.
        Assert.Equal(2, meters.Gauge("ihub.inbox.depth"));
        world.Clock.Advance(TimeSpan.FromSeconds(16));

        Assert.Equal(0, meters.Gauge("ihub.inbox.depth"));
        Assert.Equal(0, meters.Gauge("ihub.inbox.oldest.age"));
        Assert.Equal(1, meters.Sum("ihub.deliveries.processing.failures", ("provider", "gitlab"), ("outcome", "failed")));
        Assert.Equal(1, meters.Sum("ihub.deliveries.processing.failures"));
    }
}
