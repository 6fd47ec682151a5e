using System.Diagnostics;
using System.Globalization;
using System.Net;
using IntegrationHub.Telemetry;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;
using OpenTelemetry;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>
/// A webhook's trace on a web node (ingress and worker in one, on a real port) whose TracerProvider is the hub's own,
/// read through <see cref="SpanCapture"/>: the request, its processing continued from the context stored with the inbox
/// row, the events it stored.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class DeliveryTracingTests
{
    [Fact]
    public async Task A_signed_delivery_is_one_trace_from_its_request_through_processing_to_the_events_it_stored()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Traces" });
        var spans = new SpanCapture();
        var node = await world.StartWebNodeAsync("traced", new() { ["Hub:Telemetry:Tracing:Enabled"] = "true" }, spans.AddTo);
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");
        string[] ids = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];

        // Two at once, so group commit may write them in one batch: each request is still a trace of its own.
        var answers = await Task.WhenAll(ids.Select(id => DeliverAsync(node, hook, id)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(spans.Named("delivery process").Count == 2)), Describe(spans));
        var requests = ids.Select(id => Assert.Single(spans.Spans, s => s.Kind == ActivityKind.Server && SpanCapture.Tag(s, HubTracing.DeliveryTag) == id)).ToList();
        Assert.NotEqual(requests[0].TraceId, requests[1].TraceId);
        int events = 0;
        foreach (var request in requests)
        {
            Assert.True(request.ParentSpanId == default, Describe(spans)); // GitHub sends no traceparent
            Assert.Equal("github", SpanCapture.Tag(request, HubTracing.ProviderTag));
            Assert.Equal(world.TenantId.ToString(), SpanCapture.Tag(request, HubTracing.TenantTag));
            Assert.Equal(hook.Id.ToString(), SpanCapture.Tag(request, HubTracing.HookTag));
            Assert.Equal("stored", SpanCapture.Tag(request, HubTracing.OutcomeTag));
            long row = await world.CountAsync("SELECT id FROM deliveries WHERE hook_id = $1 AND delivery_id = $2", hook.Id,
                SpanCapture.Tag(request, HubTracing.DeliveryTag)!);
            var stored = HubTracing.ParentFrom(await world.ValueAsync<string>("SELECT traceparent FROM deliveries WHERE id = $1", row));
            Assert.Equal((request.TraceId, request.SpanId, true), (stored.TraceId, stored.SpanId, stored.TraceFlags.HasFlag(ActivityTraceFlags.Recorded)));

            var process = Assert.Single(spans.ChildrenOf(request));
            Assert.Equal("delivery process", process.DisplayName);
            Assert.Equal(ActivityKind.Consumer, process.Kind);
            Assert.Equal(row.ToString(CultureInfo.InvariantCulture), SpanCapture.Tag(process, HubTracing.InboxTag));
            Assert.Equal(hook.Id.ToString(), SpanCapture.Tag(process, HubTracing.HookTag));
            Assert.Equal(hook.RepositoryId.ToString(), SpanCapture.Tag(process, HubTracing.RepositoryTag));
            Assert.Equal("processed", SpanCapture.Tag(process, HubTracing.OutcomeTag));
            // Both carry the same push: whichever was processed first stored its two events, the other none (same natural keys).
            var written = await world.QueryAsync("SELECT id || ' ' || kind FROM events WHERE delivery_id = $1 ORDER BY id", row);
            Assert.Equal(written, SpanCapture.StoredEvents(process));
            events += written.Count;
        }

        Assert.Equal(2, events);
    }

    [Fact]
    public async Task A_request_left_out_by_the_sample_ratio_leaves_its_processing_out_too()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Traces" });
        var spans = new SpanCapture();
        var node = await world.StartWebNodeAsync("sampled-out",
            new() { ["Hub:Telemetry:Tracing:Enabled"] = "true", ["Hub:Telemetry:Tracing:SampleRatio"] = "0" }, spans.AddTo);
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");

        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(node, hook, Guid.NewGuid().ToString()));
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.CountAsync(
            "SELECT count(*) FROM deliveries WHERE hook_id = $1 AND status = 'processed'", hook.Id) == 1));
        await world.StopWorkerAsync(node.App); // every span the node started has ended

        // The decision travels with the row (not sampled), so the worker does not sample the processing afresh.
        var stored = HubTracing.ParentFrom(await world.ValueAsync<string>("SELECT traceparent FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.NotEqual(default, stored.TraceId);
        Assert.False(stored.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        Assert.Empty(spans.Named("delivery process"));
        Assert.DoesNotContain(spans.Spans, s => s.Kind == ActivityKind.Server);
    }

    [Fact]
    public async Task A_traceparent_sent_to_the_public_webhook_url_is_not_followed()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Traces" });
        var spans = new SpanCapture();
        var node = await world.StartWebNodeAsync("chosen-parent",
            new() { ["Hub:Telemetry:Tracing:Enabled"] = "true", ["Hub:Telemetry:Tracing:SampleRatio"] = "0" }, spans.AddTo);
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");
        string chosen = ActivityTraceId.CreateRandom().ToHexString();

        // A sampled parent of the sender's choosing: followed, it would force recording past the ratio of 0 and carry
        // the sender's trace id into the stored row, the worker's spans and the logs.
        Assert.Equal(HttpStatusCode.Accepted, await DeliverAsync(node, hook, Guid.NewGuid().ToString(), $"00-{chosen}-{ActivitySpanId.CreateRandom().ToHexString()}-01"));
        Assert.True(await HubWorld.EventuallyAsync(async () => await world.CountAsync(
            "SELECT count(*) FROM deliveries WHERE hook_id = $1 AND status = 'processed'", hook.Id) == 1));
        await world.StopWorkerAsync(node.App);

        var stored = HubTracing.ParentFrom(await world.ValueAsync<string>("SELECT traceparent FROM deliveries WHERE hook_id = $1", hook.Id));
        Assert.NotEqual(chosen, stored.TraceId.ToHexString());
        Assert.False(stored.TraceFlags.HasFlag(ActivityTraceFlags.Recorded));
        Assert.DoesNotContain(spans.Spans, s => s.TraceId.ToHexString() == chosen);
        Assert.Empty(spans.Named("delivery process"));
    }

    [Fact]
    public async Task Without_tracing_no_span_is_started_and_the_inbox_row_has_no_traceparent()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Untraced" });
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");

        var answer = await world.Hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitHub, hook,
            IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        // Nothing listens to the hub's source, ASP.NET Core's or HttpClient's (a source of the same name is listened to
        // alike): a span costs the ingress and the worker a null check, and ASP.NET Core keeps the unrecorded Activity it
        // makes for its log lines anyway.
        foreach (string name in new[] { "Microsoft.AspNetCore", "System.Net.Http" })
        {
            using var same = new ActivitySource(name);
            Assert.False(same.HasListeners(), name);
        }

        Assert.False(HubTracing.Source.HasListeners());
        Assert.Null(HubTracing.Source.StartActivity("delivery process"));
        Assert.Null(await world.ValueAsync<string>("SELECT traceparent FROM deliveries WHERE hook_id = $1", hook.Id));
    }

    /// <summary>
    /// As a provider posts: over real HTTP, without a traceparent unless one is given. The node's TracerProvider listens process-wide and would
    /// make this test's own call a client span and send its context; suppressed here, on the test's side only.
    /// </summary>
    internal static async Task<HttpStatusCode> DeliverAsync(WebNode node, TestHook hook, string deliveryId, string? traceparent = null)
    {
        using var http = new HttpClient { BaseAddress = new Uri(node.Url) };
        using var request = SignedDeliveries.Create(Scheme.GitHub, hook, IngestFixtures.Bytes("github/push.new-branch.json"), "push", deliveryId);
        if (traceparent is not null)
        {
            request.Headers.Add("traceparent", traceparent);
        }

        using var quiet = SuppressInstrumentationScope.Begin();
        return (await http.SendAsync(request)).StatusCode;
    }

    internal static string Describe(SpanCapture spans) =>
        string.Join("; ", spans.Spans.Select(s => $"{s.DisplayName} {s.Kind} {s.TraceId}/{s.SpanId}<-{s.ParentSpanId}"));
}
