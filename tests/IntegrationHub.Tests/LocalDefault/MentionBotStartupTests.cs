using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using IntegrationHub.Local;

namespace IntegrationHub.Tests.LocalDefault;

/// <summary>How the local default sets the mention bot up across runs, and that the hub starts without it.</summary>
public sealed class MentionBotStartupTests
{
    [Fact]
    public async Task A_second_run_reuses_the_bots_subscription_and_secret()
    {
        await using var world = await LocalDefaultWorld.StartAsync();
        Assert.Null(world.Stack.BotProblem);
        string secret = StoredSecret(world);

        await world.RestartAsync();

        Assert.Null(world.Stack.BotProblem);
        Assert.Equal(secret, StoredSecret(world));
        Assert.Equal(1, await world.ScalarAsync("SELECT count(*) FROM subscriptions WHERE tenant_id = $1 AND url = $2",
            world.Stack.Credentials.DemoTenantId, world.Stack.BotUrl + "/webhooks"));
    }

    [Fact]
    public async Task The_hub_starts_without_the_bot_when_its_port_is_taken_and_says_why()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        string botUrl = $"http://127.0.0.1:{((IPEndPoint)squatter.LocalEndpoint).Port}";

        await using var world = await LocalDefaultWorld.StartAsync(botUrl);

        Assert.Contains("already in use", world.Stack.BotProblem, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var health = await http.GetAsync(world.Stack.DashboardUrl + "/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static string StoredSecret(LocalDefaultWorld world)
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(world.DataDir, "demo-credentials.json")))!;
        string? secret = (string?)file[MentionBotSetup.SecretField];
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        return secret!;
    }
}
