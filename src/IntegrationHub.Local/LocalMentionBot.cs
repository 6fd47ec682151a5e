using MentionBot;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Local;

/// <summary>
/// The mention bot beside the hub, as a customer's app would run: its own web app, talking to the hub over HTTP with
/// the demo tenant's API key. Optional: when it cannot start, the hub still does, and the reason is printed.
/// </summary>
internal static class LocalMentionBot
{
    public const string Address = "http://127.0.0.1:5095";
    public const string Handle = "hub-bot";

    public static async Task<(WebApplication? App, string? Problem)> TryStartAsync(
        IServiceProvider hub, string[] args, string dataDir, DemoCredentials credentials, string dashboardUrl, string botUrl, CancellationToken ct)
    {
        if (EmbeddedPostgres.PortInUse(new Uri(botUrl).Port))
        {
            return (null, $"{botUrl} is already in use; set IHUB_BOT_URL to a free address.");
        }

        WebApplication? app = null;
        try
        {
            var (apiKey, secret) = await MentionBotSetup.PrepareAsync(hub, dataDir, credentials, botUrl, ct);
            app = MentionBotApp.Build(
                ["--urls", botUrl, .. LocalLogging.Args(args)],
                o =>
                {
                    o.HubUrl = dashboardUrl;
                    o.ApiKey = apiKey;
                    o.WebhookSecret = secret;
                    o.Handle = Handle;
                    o.Urls = botUrl;
                });
            await app.StartAsync(ct);
            return (app, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            return (null, ex.Message);
        }
    }
}
