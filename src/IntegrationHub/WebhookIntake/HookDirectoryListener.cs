using IntegrationHub.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The web node's LISTEN on <see cref="Channel"/> (migration 0033's notes) for its <see cref="HookDirectory"/>: each note
/// drops what it names, and the directory keeps hooks only while this listens; the same for the app webhook's
/// <see cref="AppWebhookDirectory"/>.
/// </summary>
internal sealed class HookDirectoryListener(HookDirectory directory, AppWebhookDirectory apps, NpgsqlDataSource dataSource, TimeProvider clock,
    ILogger<HookDirectoryListener> log) : BackgroundService
{
    public const string Channel = "ihub_hook_directory";

    private readonly ChannelListener _listener = new(dataSource, Channel, "The webhook ingress's hook directory", clock, log);

    /// <summary>How many times LISTEN was set up: more than once means the connection was lost and came back.</summary>
    public int Listens => _listener.Listens;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        _listener.RunAsync(
            note =>
            {
                directory.Forget(note);
                apps.Forget();
            },
            () =>
            {
                directory.Listened();
                apps.Listened();
            },
            () =>
            {
                directory.Lost();
                apps.Lost();
            },
            stoppingToken);
}
