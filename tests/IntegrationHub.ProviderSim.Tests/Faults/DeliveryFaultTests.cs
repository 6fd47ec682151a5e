using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.Faults;

public sealed class DeliveryFaultTests
{
    private static async Task<(SimHost Sim, Receiver Rx, HttpClient Api)> GitHubWithHook()
    {
        var sim = await SimHost.Start();
        var rx = await Receiver.Start();
        await sim.Seed("github", 1, 1, ownerPrefix: "acme");
        var api = sim.Client("Bearer", await sim.Pat("github", null, "repo"));
        (await api.PostAsJsonAsync("/github/api/v3/repos/acme1/repo1/hooks", new { events = new[] { "push" }, config = new { url = rx.Url, content_type = "json", secret = "s" } })).EnsureSuccessStatusCode();
        await sim.WaitForDeliveries();
        return (sim, rx, api);
    }

    [Fact]
    public async Task Dropped_delivery_never_reaches_the_hook_but_polling_sees_the_event()
    {
        var (sim, rx, api) = await GitHubWithHook();
        await using var _ = sim;
        await using var __ = rx;
        using var ___ = api;
        await sim.SetFaults("github", new { dropDeliveries = 1.0 });
        await sim.Event("push", new { provider = "github", repo = "acme1/repo1", message = "lost in transit" });
        await sim.WaitForDeliveries();
        Assert.Empty(rx.WithHeader("X-GitHub-Event", "push"));
        Assert.Equal("fault", (string)(await sim.Deliveries("github", "push"))[0]!["skipped"]!);
        var events = await api.GetFromJsonAsync<JsonArray>("/github/api/v3/repos/acme1/repo1/events");
        Assert.Contains(events!, e => (string)e!["type"]! == "PushEvent");
        var commits = await api.GetFromJsonAsync<JsonArray>("/github/api/v3/repos/acme1/repo1/commits");
        Assert.Equal("lost in transit", (string)commits![0]!["commit"]!["message"]!);
    }

    [Fact]
    public async Task Half_drop_fraction_loses_every_second_delivery()
    {
        var (sim, rx, api) = await GitHubWithHook();
        await using var _ = sim;
        await using var __ = rx;
        using var ___ = api;
        await sim.SetFaults("github", new { dropDeliveries = 0.5 });
        for (var i = 0; i < 4; i++) await sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        await sim.WaitForDeliveries();
        Assert.Equal(2, rx.WithHeader("X-GitHub-Event", "push").Count);
    }

    [Fact]
    public async Task Delayed_delivery_arrives_later_not_inside_the_control_request()
    {
        var (sim, rx, api) = await GitHubWithHook();
        await using var _ = sim;
        await using var __ = rx;
        using var ___ = api;
        await sim.SetFaults("github", new { delayDeliveriesMs = 400 });
        var clock = Stopwatch.StartNew();
        await sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        Assert.True(clock.ElapsedMilliseconds < 400);
        Assert.Empty(rx.WithHeader("X-GitHub-Event", "push"));
        await sim.WaitForDeliveries();
        Assert.True(clock.ElapsedMilliseconds >= 380, $"took {clock.ElapsedMilliseconds} ms");
        Assert.Single(rx.WithHeader("X-GitHub-Event", "push"));
    }

    [Fact]
    public async Task Deliver_twice_sends_the_same_delivery_id_twice()
    {
        var (sim, rx, api) = await GitHubWithHook();
        await using var _ = sim;
        await using var __ = rx;
        using var ___ = api;
        await sim.SetFaults("github", new { deliverTwice = true });
        await sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        await sim.WaitForDeliveries();
        var pushes = rx.WithHeader("X-GitHub-Event", "push");
        Assert.Equal(2, pushes.Count);
        Assert.Equal(pushes[0].Header("X-GitHub-Delivery"), pushes[1].Header("X-GitHub-Delivery"));
        Assert.Equal(pushes[0].Body, pushes[1].Body);
    }

    [Fact]
    public async Task GitLab_hook_is_disabled_for_good_at_the_fortieth_failure()
    {
        var time = new ManualTime(DateTimeOffset.UtcNow);
        await using var sim = await SimHost.Start(o => o.TimeProvider = time);
        await using var rx = await Receiver.Start(status: 404);
        await sim.Seed("gitlab", 1, 1, ownerPrefix: "g");
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        var hook = await (await api.PostAsJsonAsync("/gitlab/api/v4/projects/g1%2Frepo1/hooks", new { url = rx.Url, push_events = true })).Content.ReadFromJsonAsync<JsonNode>();
        for (var i = 0; i < 41; i++)
        {
            await sim.Event("push", new { provider = "gitlab", repo = "g1/repo1" });
            await sim.WaitForDeliveries();
            time.Advance(TimeSpan.FromDays(2));
        }

        Assert.Equal(40, rx.Requests.Count);
        var state = await api.GetFromJsonAsync<JsonNode>($"/gitlab/api/v4/projects/g1%2Frepo1/hooks/{hook!["id"]}");
        Assert.Equal("disabled", (string)state!["alert_status"]!);
        Assert.Null((string?)state["disabled_until"]);
    }
}
