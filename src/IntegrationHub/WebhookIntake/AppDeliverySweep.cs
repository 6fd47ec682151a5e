using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers.GitHub;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Recurring "github-app-deliveries": GitHub never retries a failed delivery, so for each GitHub App with a live connection
/// (the platform app, tenants' own apps) the app webhook's deliveries are read as the app (one listing, not one per
/// connection or repository), page by page back through GitHub's three-day redelivery window (a busy app delivers far more
/// than one page between runs), and each event none of whose attempts succeeded is asked for again, at most three times
/// (<see cref="AppRedeliveries"/>). The window, not a stored cursor, bounds the read: counting an event's redeliveries needs
/// all its attempts, and a run repeated asks again only for what is still failing. One run at a time in the cluster
/// (Hangfire fires a recurring job once); an app that fails is logged and left to the next run.
/// https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook
/// </summary>
internal sealed partial class AppDeliverySweep(NpgsqlDataSource db, GitHubAppDirectory apps, GitHubAppClients clients, TimeProvider clock,
    ILogger<AppDeliverySweep> log) : IAppDeliverySweepJob
{
    /// <summary>GitHub redelivers up to three days back; a little less, so a request never lands just past it.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(3) - TimeSpan.FromHours(1);

    /// <summary>A bound on one app's read (100 deliveries a page): past it the oldest failures wait for a quieter run.</summary>
    private const int MaxPages = 100;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (Guid? ownAppId in await AppsInUseAsync(ct))
        {
            var app = await apps.FindAsync(ownAppId, ct);
            if (app is null)
            {
                continue;
            }

            try
            {
                int asked = await SweepAsync(app, ct);
                LogSwept(app.ToString(), asked);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(app.ToString(), ex.GetType().Name);
            }
        }
    }

    /// <summary>The apps behind live app connections (null: the platform app), each once.</summary>
    private async Task<List<Guid?>> AppsInUseAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT github_app_id FROM connections
            WHERE auth_kind = 'github_app' AND github_installation_id IS NOT NULL AND status IN ('active', 'needs_reauthorization')
            """);
        var ids = new List<Guid?>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            ids.Add(r.IsDBNull(0) ? null : r.GetGuid(0));
        }

        return ids;
    }

    private async Task<int> SweepAsync(GitHubAppCredentials app, CancellationToken ct)
    {
        using var api = clients.For(app);
        var now = clock.GetUtcNow();
        var attempts = new List<GitHubHookDelivery>();
        string? cursor = null;
        for (int pages = 0; pages < MaxPages; pages++)
        {
            var page = await api.ListHookDeliveriesAsync(cursor, ct);
            attempts.AddRange(page.Items);
            cursor = page.NextCursor;
            // Newest first: a page reaching past the window ends the read.
            if (cursor is null || page.Items.Count == 0 || now - page.Items.Min(d => d.DeliveredAt) >= Window)
            {
                break;
            }
        }

        var ids = AppRedeliveries.Choose(attempts, now, Window);
        foreach (long id in ids)
        {
            await api.RedeliverAsync(id, ct);
        }

        return ids.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "App delivery sweep: {App}, {Asked} failed deliveries asked for again")]
    private partial void LogSwept(string app, int asked);

    // The exception's type only: a provider's refusal may quote what it was sent.
    [LoggerMessage(Level = LogLevel.Warning, Message = "App delivery sweep: {App} could not be swept ({Error}); the next run tries again")]
    private partial void LogFailed(string app, string error);
}
