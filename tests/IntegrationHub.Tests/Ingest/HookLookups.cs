using System.Diagnostics;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Counts the ingress's hook lookups (<c>DeliveryInbox.FindHookAsync</c>) that reach one test database, from Npgsql's command
/// tracing (ActivitySource "Npgsql"): the database name tells this test's commands from those of tests running alongside.
/// </summary>
internal sealed class HookLookups : IDisposable
{
    private const string LookupText = "FROM hooks h JOIN connections c ON c.id = h.connection_id";

    private readonly ActivityListener _listener;
    private readonly string _database;
    private int _count;

    public HookLookups(string connectionString)
    {
        _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = Seen,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public int Count => Volatile.Read(ref _count);

    public void Dispose() => _listener.Dispose();

    private void Seen(Activity command)
    {
        if (command.GetTagItem("db.namespace") as string == _database
            && (command.GetTagItem("db.query.text") as string)?.Contains(LookupText, StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _count);
        }
    }
}
