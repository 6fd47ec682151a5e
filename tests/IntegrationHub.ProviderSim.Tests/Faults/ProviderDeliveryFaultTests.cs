using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using IntegrationHub.ProviderSim.Tests.Shape;

namespace IntegrationHub.ProviderSim.Tests.Faults;

/// <summary>
/// Drop, delay and deliver-twice for the providers other than GitHub (covered in <see cref="DeliveryFaultTests"/>).
/// Deliver-twice must keep each provider's own delivery id, the one the hub dedupes on: GitLab <c>Idempotency-Key</c>
/// (with a new <c>X-Gitlab-Webhook-UUID</c> per request and the same <c>X-Gitlab-Event-UUID</c>), Bitbucket Cloud
/// <c>X-Request-UUID</c>, Bitbucket Data Center <c>X-Request-Id</c>, Azure DevOps <c>notificationId</c> in the body.
/// </summary>
public sealed class ProviderDeliveryFaultTests
{
    public static TheoryData<string> Providers => new() { "gitlab", "bitbucket", "bitbucket-dc", "azure-devops" };

    private static readonly Dictionary<string, string> Repos = new()
    {
        ["gitlab"] = "g1/repo1", ["bitbucket"] = "ws1/repo1", ["bitbucket-dc"] = "PRJ1/repo1", ["azure-devops"] = "contoso/proj1/repo1",
    };

    private sealed record World(SimHost Sim, Receiver Rx, HttpClient Api, string Provider) : IAsyncDisposable
    {
        public Task Push(string message) => Sim.Event("push", new { provider = Provider, repo = Repos[Provider], message });

        /// <summary>The push deliveries the receiver got (each provider names the event its own way).</summary>
        public IReadOnlyList<ReceivedRequest> Pushes() => Provider switch
        {
            "gitlab" => Rx.WithHeader("X-Gitlab-Event", "Push Hook"),
            "bitbucket" => Rx.WithHeader("X-Event-Key", "repo:push"),
            "bitbucket-dc" => Rx.WithHeader("X-Event-Key", "repo:refs_changed"),
            _ => Rx.Requests.Where(r => (string?)r.Json["eventType"] == "git.push").ToArray(),
        };

        public string DeliveryId(ReceivedRequest r) => Provider switch
        {
            "gitlab" => r.Header("Idempotency-Key"),
            "bitbucket" => r.Header("X-Request-UUID"),
            "bitbucket-dc" => r.Header("X-Request-Id"),
            _ => r.Json["notificationId"]!.ToJsonString(),
        };

        /// <summary>What the polling endpoints say about the pushed commit, dropped delivery or not.</summary>
        public async Task<string> PolledPushes() => Provider switch
        {
            "gitlab" => await Api.GetStringAsync("/gitlab/api/v4/projects/g1%2Frepo1/events?after=2000-01-01"),
            "bitbucket" => await Api.GetStringAsync("/bitbucket/2.0/repositories/ws1/repo1/commits"),
            "bitbucket-dc" => await Api.GetStringAsync("/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1/commits"),
            _ => await Api.GetStringAsync("/azure-devops/contoso/proj1/_apis/git/repositories/repo1/pushes?searchCriteria.includeRefUpdates=true"),
        };

        public async ValueTask DisposeAsync()
        {
            Api.Dispose();
            await Rx.DisposeAsync();
            await Sim.DisposeAsync();
        }
    }

    private static async Task<World> WithPushHook(string provider)
    {
        var sim = await SimHost.Start();
        var rx = await Receiver.Start();
        string prefix = provider switch { "gitlab" => "g", "bitbucket" => "ws", "bitbucket-dc" => "PRJ", _ => "proj" };
        await sim.Seed(provider, 1, 1, ownerPrefix: prefix, organization: provider == "azure-devops" ? "contoso" : null);
        var api = await ShapeWorld.ApiClient(sim, provider);
        using var created = provider switch
        {
            "gitlab" => await api.PostAsJsonAsync("/gitlab/api/v4/projects/g1%2Frepo1/hooks", new { url = rx.Url, token = "t", push_events = true }),
            "bitbucket" => await api.PostAsJsonAsync("/bitbucket/2.0/repositories/ws1/repo1/hooks", new { description = "hub", url = rx.Url, active = true, secret = "s", events = new[] { "repo:push" } }),
            "bitbucket-dc" => await api.PostAsJsonAsync("/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1/webhooks",
                new { name = "hub", url = rx.Url, active = true, events = new[] { "repo:refs_changed" }, configuration = new { secret = "s" } }),
            _ => await AzureSubscription(api, rx.Url),
        };
        created.EnsureSuccessStatusCode();
        await sim.WaitForDeliveries();
        return new World(sim, rx, api, provider);
    }

    private static async Task<HttpResponseMessage> AzureSubscription(HttpClient api, string url)
    {
        var repo = (await api.GetFromJsonAsync<JsonNode>("/azure-devops/contoso/proj1/_apis/git/repositories"))!["value"]![0]!;
        return await api.PostAsJsonAsync("/azure-devops/contoso/_apis/hooks/subscriptions", new
        {
            publisherId = "tfs", eventType = "git.push", resourceVersion = "1.0", consumerId = "webHooks", consumerActionId = "httpRequest",
            publisherInputs = new { projectId = (string)repo["project"]!["id"]!, repository = (string)repo["id"]! },
            consumerInputs = new { url, basicAuthUsername = "u", basicAuthPassword = "p" },
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Deliver_twice_keeps_the_providers_delivery_id(string provider)
    {
        await using var w = await WithPushHook(provider);
        await w.Sim.SetFaults(provider, new { deliverTwice = true });
        await w.Push("twice");
        await w.Sim.WaitForDeliveries();
        var pushes = w.Pushes();
        Assert.Equal(2, pushes.Count);
        Assert.False(string.IsNullOrEmpty(w.DeliveryId(pushes[0])));
        Assert.Equal(w.DeliveryId(pushes[0]), w.DeliveryId(pushes[1]));
        Assert.Equal(pushes[0].Body, pushes[1].Body);
        if (provider == "gitlab")
        {
            Assert.NotEqual(pushes[0].Header("X-Gitlab-Webhook-UUID"), pushes[1].Header("X-Gitlab-Webhook-UUID"));
            Assert.Equal(pushes[0].Header("X-Gitlab-Event-UUID"), pushes[1].Header("X-Gitlab-Event-UUID"));
        }

        // A second event is a new delivery with a new id.
        await w.Sim.SetFaults(provider, new { });
        await w.Push("once");
        await w.Sim.WaitForDeliveries();
        var all = w.Pushes();
        Assert.Equal(3, all.Count);
        Assert.Equal(2, all.Select(w.DeliveryId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dropped_delivery_never_reaches_the_hook_but_polling_sees_the_push(string provider)
    {
        await using var w = await WithPushHook(provider);
        await w.Sim.SetFaults(provider, new { dropDeliveries = 1.0 });
        await w.Push("lost in transit");
        await w.Sim.WaitForDeliveries();
        Assert.Empty(w.Pushes());
        var record = Assert.Single(await w.Sim.Deliveries(provider));
        Assert.Equal("fault", (string?)record!["skipped"]);
        Assert.Empty(record["attempts"]!.AsArray());
        var polled = await w.PolledPushes();
        Assert.True(provider == "azure-devops" ? JsonNode.Parse(polled)!["count"]!.GetValue<int>() == 1 : polled.Contains("lost in transit", StringComparison.Ordinal), polled);
    }

    /// <summary>The delay is far longer than the control call, so the delivery is still pending when the call returns.</summary>
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Delayed_delivery_is_pending_after_the_event_and_arrives_once(string provider)
    {
        await using var w = await WithPushHook(provider);
        await w.Sim.SetFaults(provider, new { delayDeliveriesMs = 3000 });
        await w.Push("later");
        var pending = Assert.Single(await w.Sim.Deliveries(provider));
        Assert.Empty(pending!["attempts"]!.AsArray());
        Assert.Null((string?)pending["skipped"]);
        Assert.Empty(w.Pushes());
        await w.Sim.WaitForDeliveries();
        Assert.Single(w.Pushes());
        var done = Assert.Single(await w.Sim.Deliveries(provider));
        Assert.Equal(200, (int)Assert.Single(done!["attempts"]!.AsArray())!["statusCode"]!);
    }
}
