using IntegrationHub.ProviderAccess;
using IntegrationHub.Providers.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IntegrationHub.Hosting;

/// <summary>
/// <c>IntegrationHub.Worker refresh-connection {id} {barrier-folder} --ConnectionStrings:Hub=…</c>: refreshes one
/// connection's token from a process of its own, as a second node would. It reads the row, says "ready" in the
/// barrier folder, waits for "go", then forces a refresh with the token it read — the race the per-connection lock
/// exists for. Exit 0: this process ended with a working token. Used by the two-process refresh test.
/// </summary>
public static class RefreshCommand
{
    public const string Verb = "refresh-connection";

    public static async Task<int> RunAsync(string[] args)
    {
        var id = Guid.Parse(args[1]);
        string barrier = args[2];
        var builder = Host.CreateApplicationBuilder(args[3..]);
        builder.AddHubCore();
        using var host = builder.Build();
        var services = host.Services;
        string? stale;
        await using (var cmd = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT access_token_protected FROM connections WHERE id = $1"))
        {
            cmd.Parameters.Add(new() { Value = id });
            stale = await cmd.ExecuteScalarAsync() as string;
        }

        await File.WriteAllTextAsync(Path.Combine(barrier, $"ready-{Environment.ProcessId}"), "");
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!File.Exists(Path.Combine(barrier, "go")))
        {
            await Task.Delay(10, wait.Token);
        }

        try
        {
            await services.GetRequiredService<TokenRefresher>().RefreshAsync(id, stale, force: true, CancellationToken.None);
            return 0;
        }
        catch (OAuthException ex)
        {
            await Console.Error.WriteLineAsync($"refresh refused: {ex.Error}");
            return 1;
        }
    }
}
