using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Jobs;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using IntegrationHub.Transport;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.LocalDefault;

/// <summary>
/// The local default as <c>deploy/local/run.sh</c> starts it (<see cref="LocalStack"/>: simulator, hub with its worker,
/// mention bot), on free ports with its own data folder and database, plus the steps a person takes in it.
/// </summary>
internal sealed class LocalDefaultWorld : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly (string Dashboard, string Simulator, string Bot) _urls;

    private LocalDefaultWorld(LocalStack stack, string connectionString, string dataDir, (string, string, string) urls)
    {
        Stack = stack;
        _connectionString = connectionString;
        Db = NpgsqlDataSource.Create(connectionString);
        DataDir = dataDir;
        _urls = urls;
        Sim = new HttpClient { BaseAddress = new Uri(stack.SimulatorUrl) };
    }

    public LocalStack Stack { get; private set; }
    public NpgsqlDataSource Db { get; }
    public HttpClient Sim { get; }
    public string DataDir { get; }

    /// <param name="botUrl">The bot's address; null: a free port.</param>
    /// <remarks>
    /// The stack needs its addresses before it starts (the simulator's OAuth apps name the dashboard, the hub allow-lists
    /// the bot), so it cannot bind port 0. A port found free may be taken by a parallel test before it is bound: then
    /// start again on new ports, with a new database and data folder so nothing of the failed start is left behind.
    /// </remarks>
    public static async Task<LocalDefaultWorld> StartAsync(string? botUrl = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            string cs = await TestPostgres.CreateDatabaseAsync();
            string dataDir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ihub-local-" + Guid.NewGuid().ToString("n")[..8])).FullName;
            var urls = (Free(), Free(), botUrl ?? Free());
            LocalStack stack;
            try
            {
                stack = await StartStackAsync(cs, dataDir, urls);
            }
            catch (Exception e) when (attempt < MaxAttempts && PortTaken(e))
            {
                DeleteDir(dataDir);
                continue;
            }

            if (botUrl is null && attempt < MaxAttempts && stack.BotProblem?.Contains("already in use", StringComparison.Ordinal) == true)
            {
                await stack.DisposeAsync();
                DeleteDir(dataDir);
                continue;
            }

            return new LocalDefaultWorld(stack, cs, dataDir, urls);
        }
    }

    private const int MaxAttempts = 5;

    private static bool PortTaken(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse }
                || x.Message.Contains("already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void DeleteDir(string dir)
    {
        try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Stops everything and starts it again on the same data folder, database and addresses, as a second run does.</summary>
    public async Task RestartAsync()
    {
        await Stack.DisposeAsync();
        Stack = await StartStackAsync(_connectionString, DataDir, _urls);
    }

    private static string Free() => $"http://127.0.0.1:{EmbeddedPostgres.FreePort()}";

    private static Task<LocalStack> StartStackAsync(string cs, string dataDir, (string, string, string) urls) =>
        LocalStack.StartAsync(cs, dataDir, ["--Logging:LogLevel:Default=Warning"], CancellationToken.None, urls);

    /// <summary>
    /// Connects the demo tenant to a simulated provider with the demo user's token, as the Connect button ends up doing,
    /// and lets discovery register the hooks.
    /// </summary>
    public async Task<Guid> ConnectAsync(string provider, string login)
    {
        var token = (string)(await ControlAsync("tokens", new { provider, scopes = Array.Empty<string>() }))["token"]!;
        var id = Guid.NewGuid();
        var protector = Stack.HubServices.GetRequiredService<ISecretProtector>();
        await using (var cmd = Db.CreateCommand("""
            INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind,
                access_token_protected, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'active', 'pat', $8, now(), now())
            """))
        {
            foreach (object v in new object[] { id, Stack.Credentials.DemoTenantId, provider, $"{Stack.SimulatorUrl}/{provider}", provider + " (demo)",
                Guid.NewGuid().ToString("N"), login, protector.Protect(token) })
            {
                cmd.Parameters.Add(new() { Value = v });
            }

            await cmd.ExecuteNonQueryAsync();
        }

        await Stack.HubServices.GetRequiredService<JobStarter>().DiscoverAsync(id, CancellationToken.None);
        return id;
    }

    /// <summary>True once the demo repository's hook on this connection is registered at the provider.</summary>
    public async Task<bool> HookReadyAsync(Guid connectionId)
    {
        await using var cmd = Db.CreateCommand("""
            SELECT count(*) FROM hooks h JOIN repositories r ON r.id = h.repository_id
            WHERE h.connection_id = $1 AND r.full_path = $2 AND h.status = 'registered'
            """);
        cmd.Parameters.Add(new() { Value = connectionId });
        cmd.Parameters.Add(new() { Value = DemoThreads.DemoRepository });
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    public async Task<long> ScalarAsync(string sql, params object[] args)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (object a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<JsonNode> ControlAsync(string path, object body)
    {
        using var response = await Sim.PostAsJsonAsync("/_sim/" + path, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /_sim/{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>The comments on one pull request, merge request or issue, as the simulator's state shows them.</summary>
    public async Task<JsonObject[]> CommentsAsync(string provider, string on, int number)
    {
        var all = JsonNode.Parse(await Sim.GetStringAsync($"/_sim/comments?provider={provider}&repo={DemoThreads.DemoRepository}"))!.AsArray();
        return [.. all.Select(c => c!.AsObject()).Where(c => (string?)c["on"] == on && (int?)c["number"] == number)];
    }

    public async ValueTask DisposeAsync()
    {
        Sim.Dispose();
        await Stack.DisposeAsync();
        await Db.DisposeAsync();
        DeleteDir(DataDir);
    }
}
