using IntegrationHub.Jobs;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Providers.GitHub;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Recurring "github-app-deliveries": GitHub never retries a failed delivery, so for each GitHub App with a live connection
/// (the platform app, tenants' own apps) the app webhook's newest deliveries are read as the app (one call, not one per
/// connection or repository) and each one that failed is asked for again, once: an event whose delivery succeeded or was
/// already redelivered (whatever came of it) is left alone, so the sweep needs no cursor and a run repeated changes
/// nothing. Within GitHub's three-day redelivery window only. One run at a time in the cluster (Hangfire fires a
/// recurring job once); an app that fails is logged and left to the next run.
/// https://docs.github.com/rest/apps/webhooks#redeliver-a-delivery-for-an-app-webhook
/// </summary>
internal sealed partial class AppDeliverySweep(NpgsqlDataSource db, GitHubAppDirectory apps, GitHubAppClients clients, TimeProvider clock,
    ILogger<AppDeliverySweep> log) : IAppDeliverySweepJob
{
    /// <summary>GitHub redelivers up to three days back; a little less, so a request never lands just past it.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(3) - TimeSpan.FromHours(1);

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
        var deliveries = await api.ListHookDeliveriesAsync(ct);
        var settled = deliveries.Where(d => d.Succeeded || d.Redelivery).Select(d => d.Guid).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        int asked = 0;
        foreach (var failed in deliveries.Where(d => d.Failed && !settled.Contains(d.Guid) && now - d.DeliveredAt < Window).DistinctBy(d => d.Guid))
        {
            await api.RedeliverAsync(failed.Id, ct);
            asked++;
        }

        return asked;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "App delivery sweep: {App}, {Asked} failed deliveries asked for again")]
    private partial void LogSwept(string app, int asked);

    // The exception's type only: a provider's refusal may quote what it was sent.
    [LoggerMessage(Level = LogLevel.Warning, Message = "App delivery sweep: {App} could not be swept ({Error}); the next run tries again")]
    private partial void LogFailed(string app, string error);
}
