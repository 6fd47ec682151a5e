using IntegrationHub.Hosting;
using IntegrationHub.ProviderSim;
using IntegrationHub.Secrets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Local;

/// <summary>The hub (web with the worker inside) and the simulator, started together and stopped together.</summary>
internal sealed class LocalStack : IAsyncDisposable
{
    public const string DashboardAddress = "http://127.0.0.1:5080";
    public const string SimulatorAddress = "http://127.0.0.1:5090";
    public const string BotAddress = LocalMentionBot.Address;

    private readonly List<WebApplication> _apps = [];

    public string DashboardUrl { get; private set; } = DashboardAddress;
    public string SimulatorUrl { get; private set; } = SimulatorAddress;
    public string BotUrl { get; private set; } = BotAddress;
    public DemoCredentials Credentials { get; private set; } = null!;

    /// <summary>Something to comment on in the simulator (the mention bot's demo).</summary>
    public DemoThreads Threads { get; private set; } = null!;

    /// <summary>The demo's platform GitHub App at the simulator.</summary>
    public DemoGitHubApp GitHubApp { get; private set; } = null!;

    /// <summary>Why the mention bot is not running (the hub runs without it), or null when it is.</summary>
    public string? BotProblem { get; private set; }

    /// <summary>The hub's services (tests reach the demo tenant's data through them).</summary>
    public IServiceProvider HubServices { get; private set; } = null!;

    /// <param name="urls">Dashboard, simulator and bot addresses (tests); null: IHUB_URL, IHUB_SIM_URL, IHUB_BOT_URL or the defaults.</param>
    public static async Task<LocalStack> StartAsync(string connectionString, string dataDir, string[] args, CancellationToken ct,
        (string Dashboard, string Simulator, string Bot)? urls = null)
    {
        var stack = new LocalStack();
        string dashboard = urls?.Dashboard ?? Environment.GetEnvironmentVariable("IHUB_URL") ?? DashboardAddress;
        string simulator = urls?.Simulator ?? Environment.GetEnvironmentVariable("IHUB_SIM_URL") ?? SimulatorAddress;
        string bot = urls?.Bot ?? Environment.GetEnvironmentVariable("IHUB_BOT_URL") ?? BotAddress;

        foreach (string url in new[] { dashboard, simulator })
        {
            if (EmbeddedPostgres.PortInUse(new Uri(url).Port))
            {
                throw new InvalidOperationException($"{url} is already in use (is IntegrationHub already running?). Stop it, or set IHUB_URL / IHUB_SIM_URL.");
            }
        }

        try
        {
            var sim = SimulatorApp.Build(["--urls", simulator, .. LocalLogging.Args(args)], o => DemoProviders.Configure(o, dashboard));
            stack._apps.Add(sim); // before starting, so a failed start (port taken) is stopped and disposed too
            await sim.StartAsync(ct);
            await DemoProviders.SeedAsync(simulator, ct);
            stack.Threads = await DemoThreads.SeedAsync(simulator, ct);
            stack.GitHubApp = await DemoGitHubApp.RegisterAsync(simulator, dashboard, ct);

            var keyRing = LocalKeyRing.Ensure(dataDir);
            var hub = HubApp.Build(args, connectionString, dashboard, simulator, keyRing, bot, stack.GitHubApp);
            await hub.MigrateHubAsync(ct);
            try
            {
                // A data folder from before it had a protector holds an unsealed key ring: seal it once (quiet when nothing to do).
                var reprotected = await hub.Services.GetRequiredService<KeyRingReprotector>().RunAsync(ct);
                if (reprotected.KeysResealed > 0)
                {
                    Console.WriteLine(string.Join(Environment.NewLine, reprotected.Lines()));
                }
            }
            catch (KeyRingException e)
            {
                throw new InvalidOperationException($"{e.Message} {keyRing.Path} does not open this data folder's key ring: "
                    + $"restore the file it was sealed with, or remove {dataDir} to start afresh.");
            }

            stack.Credentials = await DemoWorld.SeedAsync(hub.Services, dataDir, simulator, ct);
            hub.MapHubWeb();
            stack._apps.Add(hub);
            await hub.StartAsync(ct);
            stack.DashboardUrl = dashboard;
            stack.SimulatorUrl = simulator;
            stack.BotUrl = bot;
            stack.HubServices = hub.Services;

            var (botApp, problem) = await LocalMentionBot.TryStartAsync(hub.Services, args, dataDir, stack.Credentials, dashboard, bot, ct);
            if (botApp is not null)
            {
                stack._apps.Add(botApp);
            }

            stack.BotProblem = problem;
        }
        catch
        {
            // Stop what did start (a port taken under our feet, a failed migration), so a caller may try again in-process.
            await stack.DisposeAsync();
            throw;
        }

        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in Enumerable.Reverse(_apps))
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }
}
