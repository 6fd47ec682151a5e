using IntegrationHub.Local;
using IntegrationHub.ProviderSim;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Logging;

/// <summary>The single-machine default's console: the hub's own lines, not the framework's per-request ones.</summary>
public sealed class LocalConsoleFilterTests
{
    // Categories that write a line (or four) per HTTP request, outbound call or SQL command in the demo.
    public static TheoryData<string> PerRequest =>
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Routing.EndpointMiddleware",
        "System.Net.Http.HttpClient.Default.LogicalHandler",
        "System.Net.Http.HttpClient.provider.ClientHandler",
        "Microsoft.EntityFrameworkCore.Database.Command",
        "Hangfire.Server.BackgroundServerProcess",
        "Microsoft.Hosting.Lifetime",
    ];

    [Theory]
    [MemberData(nameof(PerRequest))]
    public async Task Hub_simulator_and_bot_keep_per_request_categories_below_warning(string category)
    {
        foreach (var build in new[] { Hub, Simulator, Bot })
        {
            await using var app = build();
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category);
            Assert.False(logger.IsEnabled(LogLevel.Information), $"{category} at Information");
            Assert.True(logger.IsEnabled(LogLevel.Warning), $"{category} at Warning");
        }
    }

    [Theory]
    [InlineData("IntegrationHub.WebhookIntake.DeliveryProcessor")]
    [InlineData("IntegrationHub.Connect.OAuthCallback")]
    [InlineData("IntegrationHub.Poll.RepositoryPoller")]
    public async Task Hub_keeps_its_own_information_lines(string category)
    {
        await using var hub = Hub();
        Assert.True(hub.Services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(LogLevel.Information));
    }

    // Built as LocalStack builds them, not started (nothing listens, nothing connects).
    private static WebApplication Hub() =>
        HubApp.Build([], "Host=127.0.0.1;Database=none", $"http://127.0.0.1:{WorkerProcess.FreePort()}", $"http://127.0.0.1:{WorkerProcess.FreePort()}");

    private static WebApplication Simulator() =>
        SimulatorApp.Build(["--urls", $"http://127.0.0.1:{WorkerProcess.FreePort()}", .. LocalLogging.Args([])]);

    private static WebApplication Bot() =>
        MentionBot.MentionBotApp.Build(["--urls", $"http://127.0.0.1:{WorkerProcess.FreePort()}", .. LocalLogging.Args([])], BotOptions);

    private static void BotOptions(MentionBot.MentionBotOptions o)
    {
        o.HubUrl = "http://127.0.0.1:1";
        o.ApiKey = "ihub_test";
        o.WebhookSecret = "whsec_" + Convert.ToBase64String(new byte[32]);
    }
}
