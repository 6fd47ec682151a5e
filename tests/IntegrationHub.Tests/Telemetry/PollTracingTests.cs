using System.Diagnostics;
using IntegrationHub.Telemetry;
using IntegrationHub.Tests.Poll;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>A poll's traces on a node whose TracerProvider is the hub's own: its provider calls hang under its spans.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class PollTracingTests
{
    [Fact]
    public async Task A_repository_that_moved_is_polled_in_a_span_holding_its_calls_to_the_provider_and_the_probe_span_holds_the_GraphQL_call()
    {
        await using var world = await HubWorld.StartAsync(PollSim.Options());
        var spans = new SpanCapture();
        var node = await world.StartWebNodeAsync("poll-traced", new()
        {
            ["Hub:Poll:IntervalSeconds"] = "30",
            ["Hub:Poll:HotSeconds"] = "0",
            ["Hub:Telemetry:Tracing:Enabled"] = "true",
        }, spans.AddTo);
        var poll = new PollSim(world, node.Services);
        var repos = await poll.AddRepositoriesAsync("github", "quiet", "moved");
        await poll.CycleAsync(); // the first look
        await world.ControlAsync("events/issue-open", new { provider = "github", repo = repos[1].FullName, title = "Missed" });
        int before = spans.Spans.Count;
        long lastEvent = await world.CountAsync("SELECT coalesce(max(id), 0) FROM events");

        await poll.CycleAsync();

        var cycle = spans.Spans.Skip(before).ToList();
        var probe = Assert.Single(cycle, s => s.DisplayName == "poll probe");
        Assert.Equal(default, probe.ParentSpanId);
        Assert.Equal("github", SpanCapture.Tag(probe, HubTracing.ProviderTag));
        Assert.Equal(repos[1].ConnectionId.ToString(), SpanCapture.Tag(probe, HubTracing.ConnectionTag));
        Assert.Equal("2", SpanCapture.Tag(probe, HubTracing.RepositoriesTag));
        var graphql = Assert.Single(spans.ChildrenOf(probe));
        Assert.Equal(ActivityKind.Client, graphql.Kind);
        Assert.Equal("POST", SpanCapture.Tag(graphql, "http.request.method"));
        Assert.Equal(world.SimUrl + "/github/api/graphql", SpanCapture.Tag(graphql, "url.full"));

        var moved = Assert.Single(cycle, s => s.DisplayName == "poll repository" && SpanCapture.Tag(s, HubTracing.RepositoryTag) == repos[1].RepositoryId.ToString());
        Assert.Equal(default, moved.ParentSpanId); // a trace of its own, not the cycle's
        Assert.Equal("github", SpanCapture.Tag(moved, HubTracing.ProviderTag));
        Assert.Equal(repos[1].ConnectionId.ToString(), SpanCapture.Tag(moved, HubTracing.ConnectionTag));
        Assert.Equal("ok", SpanCapture.Tag(moved, HubTracing.OutcomeTag));
        var calls = spans.ChildrenOf(moved);
        Assert.NotEmpty(calls);
        Assert.All(calls, c =>
        {
            Assert.Equal(ActivityKind.Client, c.Kind);
            Assert.StartsWith(world.SimUrl + "/github/api/", SpanCapture.Tag(c, "url.full"));
        });
        Assert.Contains(calls, c => SpanCapture.Tag(c, "url.full")!.Contains("/issues", StringComparison.Ordinal));

        // The issue no webhook delivered is stored by this poll and told on its span.
        var stored = await world.QueryAsync("SELECT id || ' ' || kind FROM events WHERE repository_id = $1 AND id > $2 ORDER BY id",
            repos[1].RepositoryId, lastEvent);
        Assert.NotEmpty(stored);
        Assert.Equal(stored, SpanCapture.StoredEvents(moved));
    }
}
