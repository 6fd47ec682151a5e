using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Logging;

/// <summary>The worker executable's console, as a log collector reads it: JSON by setting, text by default.</summary>
public sealed class JsonConsoleTests
{
    [Fact]
    public async Task Json_format_writes_one_object_a_line_with_utc_timestamp_fields_and_the_requests_trace_id()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        await using var worker = WorkerProcess.Start(world.ConnectionString, new Dictionary<string, string> { ["Hub__Logging__Format"] = "json" });
        Assert.True(await worker.WaitForReadyAsync(), worker.Output);
        await worker.HealthAsync(HttpStatusCode.OK); // the ready line can come just before Kestrel listens

        // A trace started by a caller: ASP.NET Core continues it (W3C traceparent), so the request's lines carry its trace id.
        var traceId = ActivityTraceId.CreateRandom();
        using var http = new HttpClient { BaseAddress = worker.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await http.SendAsync(request);
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(worker.Output.Contains(traceId.ToString(), StringComparison.Ordinal))), worker.Output);
        await worker.KillAsync();

        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var objects = lines.Select(Parse).ToList();
        foreach (var line in objects)
        {
            string timestamp = line.GetProperty("Timestamp").GetString()!;
            Assert.True(DateTime.TryParseExact(timestamp, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), timestamp);
            Assert.False(string.IsNullOrEmpty(line.GetProperty("Category").GetString()));
            Assert.False(string.IsNullOrEmpty(line.GetProperty("LogLevel").GetString()));
        }

        // The hub's own placeholders are properties of their own, not only words in the message.
        var ready = Assert.Single(objects, o => o.GetProperty("Message").GetString()!.StartsWith("Worker ready", StringComparison.Ordinal));
        Assert.False(string.IsNullOrEmpty(ready.GetProperty("State").GetProperty("NodeId").GetString()));

        var traced = objects.Where(o => ScopeValues(o, "TraceId").Contains(traceId.ToString())).ToList();
        Assert.NotEmpty(traced);
        Assert.All(traced, o => Assert.NotEmpty(ScopeValues(o, "SpanId")));
    }

    [Fact]
    public async Task Text_stays_the_default()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        await using var worker = WorkerProcess.Start(world.ConnectionString);
        Assert.True(await worker.WaitForReadyAsync(), worker.Output);
        await worker.KillAsync();

        var lines = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("info: IntegrationHub.Jobs.HeartbeatProcess[", worker.Output);
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    [Fact]
    public async Task A_misspelt_format_stops_the_host_instead_of_logging_in_another()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        await using var worker = WorkerProcess.Start(world.ConnectionString, new Dictionary<string, string> { ["Hub__Logging__Format"] = "jsno" });
        await worker.WaitForExitAsync();

        Assert.NotEqual(0, worker.ExitCode);
        Assert.Contains("Hub:Logging:Format is 'jsno'; use text or json.", worker.Output);
    }

    private static JsonElement Parse(string line)
    {
        try
        {
            return JsonDocument.Parse(line).RootElement;
        }
        catch (JsonException e)
        {
            throw new Xunit.Sdk.XunitException($"Not one JSON object: {line} ({e.Message})");
        }
    }

    // Activity ids are written as a scope of their own (ActivityTrackingOptions), beside the scopes the hub opens.
    private static List<string> ScopeValues(JsonElement line, string name) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty(name, out _))
                .Select(s => s.GetProperty(name).GetString()!).ToList()
            : [];
}
