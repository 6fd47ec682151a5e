using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationHub.Telemetry;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Telemetry;

/// <summary>The JSON console lines of a traced node joined to its spans by the ids they carry.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TraceLogTests
{
    [Fact]
    public async Task Json_lines_logged_while_processing_a_delivery_carry_the_trace_and_span_ids_of_its_process_span()
    {
        using var console = ConsoleCapture.Start(); // before the node builds its console logger
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Tenant = "Traces" });
        var spans = new SpanCapture();
        var node = await world.StartWebNodeAsync("traced-json", new()
        {
            ["Hub:Telemetry:Tracing:Enabled"] = "true",
            ["Hub:Logging:Format"] = "json",
            ["Logging:LogLevel:IntegrationHub.WebhookIntake"] = "Debug", // the "processed" line is Debug
        }, spans.AddTo);
        var hook = await world.SignedHookAsync(world.TenantId, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");

        Assert.Equal(HttpStatusCode.Accepted, await DeliveryTracingTests.DeliverAsync(node, hook, Guid.NewGuid().ToString()));
        long row = await world.CountAsync("SELECT id FROM deliveries WHERE hook_id = $1", hook.Id);
        string message = $"Delivery {row} processed: 2 events, 2 new";
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(spans.Named("delivery process").Count == 1
            && console.JsonLines().Any(l => l.Contains(message, StringComparison.Ordinal)))), DeliveryTracingTests.Describe(spans));

        var process = spans.Named("delivery process").Single();
        var line = console.JsonLines().Select(l => JsonDocument.Parse(l).RootElement)
            .Single(o => o.GetProperty("Message").GetString() == message);
        Assert.Equal(process.TraceId.ToHexString(), Assert.Single(ScopeValues(line, "TraceId")));
        Assert.Equal(process.SpanId.ToHexString(), Assert.Single(ScopeValues(line, "SpanId")));
        // The same trace began at the request: its span is the process span's parent.
        var request = Assert.Single(spans.Spans, s => s.Kind == ActivityKind.Server && s.SpanId == process.ParentSpanId);
        Assert.Equal(hook.Id.ToString(), SpanCapture.Tag(request, HubTracing.HookTag));
        Assert.Contains(row.ToString(CultureInfo.InvariantCulture), ScopeValues(line, "DeliveryId"));
    }

    // Activity ids are a scope of their own (ActivityTrackingOptions), beside the work scope's ids.
    private static List<string> ScopeValues(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? [.. scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
                .Select(s => s.GetProperty(name).ToString())]
            : [];
}
