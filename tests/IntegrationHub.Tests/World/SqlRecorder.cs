using System.Collections.Concurrent;
using System.Diagnostics;

namespace IntegrationHub.Tests.World;

/// <summary>
/// Records the SQL of every command Npgsql runs, grouped by W3C trace id. A request sent with a <c>traceparent</c> header
/// carries that trace id through ASP.NET Core's request activity to the command activities under it, so the commands of
/// one request are told apart from background work and from other tests running at the same time.
/// </summary>
public sealed class SqlRecorder : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, ConcurrentQueue<string>> _byTrace = new();
    private readonly ActivityListener _listener;

    public SqlRecorder()
    {
        _listener = new ActivityListener
        {
            // The request activity is only created when someone listens to it; without it commands have no parent.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Sends every later request of <paramref name="client"/> in a new trace, returned to read its commands with.</summary>
    public static ActivityTraceId Trace(HttpClient client)
    {
        var trace = ActivityTraceId.CreateRandom();
        client.DefaultRequestHeaders.Remove("traceparent");
        client.DefaultRequestHeaders.Add("traceparent", $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return trace;
    }

    /// <summary>The SQL text of the commands run in <paramref name="trace"/>, in the order they finished.</summary>
    public IReadOnlyList<string> Commands(ActivityTraceId trace) => _byTrace.TryGetValue(trace, out var queue) ? [.. queue] : [];

    public void Dispose() => _listener.Dispose();

    private void Record(Activity activity)
    {
        // Only commands carry their text; connection opens (which depend on the pool's state) are left out.
        if (activity.Source.Name == "Npgsql" && activity.GetTagItem("db.query.text") is string sql)
        {
            _byTrace.GetOrAdd(activity.TraceId, _ => new()).Enqueue(sql);
        }
    }
}
