using Hangfire.PostgreSql;
using Npgsql;

namespace IntegrationHub.Jobs;

/// <summary>
/// Hangfire takes its connections from the host's data source, the pool every other query uses: one pool per host,
/// closed with it, instead of a process-wide pool per connection string whose idle connections outlive the host.
/// </summary>
internal sealed class DataSourceConnections(NpgsqlDataSource db) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => db.CreateConnection();
}
