using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_is_200_when_database_answers_and_schema_is_current()
    {
        await using var world = await HubWorld.StartAsync();

        var response = await world.Hub.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_is_503_with_reason_when_a_migration_is_missing()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = new Dictionary<string, string?> { ["Hub:MigrateOnStart"] = "false" } });
        string cs = world.ConnectionString;
        var client = world.Hub.CreateClient();
        await using (var db = NpgsqlDataSource.Create(cs))
        await using (var cmd = db.CreateCommand("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)"))
        {
            await cmd.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("not applied", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Healthz_is_503_when_database_is_unreachable()
    {
        await using var world = await HubWorld.StartAsync();
        string cs = world.ConnectionString;
        var client = world.Hub.CreateClient();
        string name = new NpgsqlConnectionStringBuilder(cs).Database!;
        await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres" }.ConnectionString))
        {
            await using var refuse = admin.CreateCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
            await refuse.ExecuteNonQueryAsync();
            await using var drop = admin.CreateCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            await drop.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("database unreachable", await response.Content.ReadAsStringAsync());
    }
}
