using System.Net;
using IntegrationHub.Tests.World;
using Npgsql;

namespace IntegrationHub.Tests.Ingest;

/// <summary>PostgreSQL away while deliveries arrive: a plain 503 with Retry-After, so providers retry, never the 500 error page.</summary>
public sealed class IngressUnavailableTests
{
    [Fact]
    public async Task A_delivery_arriving_while_the_database_refuses_connections_gets_503_with_retry_after()
    {
        await using var world = await HubWorld.StartAsync();
        var tenant = await world.TenantAsync("Unavailable");
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub));
        var client = world.Hub.CreateClient();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(Push(hook))).StatusCode);
        await world.Db.DisposeAsync();

        await RefuseConnectionsAsync(world.ConnectionString);
        var response = await client.SendAsync(Push(hook));

        await AssertUnavailableAsync(response);
    }

    [Fact]
    public async Task A_delivery_to_a_hub_whose_database_is_down_gets_503_with_retry_after()
    {
        // Nothing listens on this port: PostgreSQL down from the start, migrations skipped so the host still serves.
        string down = new NpgsqlConnectionStringBuilder(await TestPostgres.CreateDatabaseAsync()) { Port = FreePort(), Timeout = 3 }.ConnectionString;
        await using var hub = new HubFactory(down, new Dictionary<string, string?> { ["Hub:MigrateOnStart"] = "false" });
        var hook = new TestHook(Guid.NewGuid(), Guid.Empty, Guid.Empty, Guid.Empty, "gitlab", "secret", null);

        var response = await hub.CreateClient().SendAsync(SignedDeliveries.Create(Scheme.GitLabToken, hook,
            IngestFixtures.Bytes("gitlab/push_hook.json"), "Push Hook", Guid.NewGuid().ToString()));

        await AssertUnavailableAsync(response);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After was {response.Headers.RetryAfter}");
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Contains("retry later", text);
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task RefuseConnectionsAsync(string cs)
    {
        string name = new NpgsqlConnectionStringBuilder(cs).Database!;
        await using (var admin = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(cs) { Database = "postgres" }.ConnectionString))
        {
            await using var refuse = admin.CreateCommand($"ALTER DATABASE {name} ALLOW_CONNECTIONS false");
            await refuse.ExecuteNonQueryAsync();
            await using var drop = admin.CreateCommand($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            await drop.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static HttpRequestMessage Push(TestHook hook) => SignedDeliveries.Create(Scheme.GitHub, hook,
        IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString());
}
