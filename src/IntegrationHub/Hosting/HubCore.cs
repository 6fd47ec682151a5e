using IntegrationHub.Audit;
using IntegrationHub.Cleanup;
using IntegrationHub.Connect;
using IntegrationHub.Data;
using IntegrationHub.Discovery;
using IntegrationHub.Events;
using IntegrationHub.HookRegistration;
using IntegrationHub.Jobs;
using IntegrationHub.Outbound;
using IntegrationHub.Poll;
using IntegrationHub.ProviderAccess;
using IntegrationHub.ProviderAccess.GitHubApps;
using IntegrationHub.Repositories;
using IntegrationHub.Secrets;
using IntegrationHub.Settings;
using IntegrationHub.WebhookIntake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Hosting;

/// <summary>What both hosts need: PostgreSQL, the migrator, the shared key ring, the secret protector, the clock.</summary>
public static class HubCore
{
    public static IHostApplicationBuilder AddHubCore(this IHostApplicationBuilder builder)
    {
        builder.AddHubLogging();
        var services = builder.Services;
        services.Configure<HubOptions>(builder.Configuration.GetSection(HubOptions.Section));
        string connectionString = builder.Configuration.GetConnectionString("Hub")
            ?? throw new InvalidOperationException("Set ConnectionStrings:Hub (environment ConnectionStrings__Hub) to a PostgreSQL connection string.");

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connectionString).Build());
        services.AddSingleton<Migrator>();
        services.AddScoped<TenantScope>();
        services.AddDbContext<HubDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddScoped<AuditLog>();
        services.AddHubJobs(builder.Configuration); // Hangfire client (and dashboard services) on every host
        services.AddSingleton<EventStore>();
        services.AddSingleton<IntegrationHub.Events.TransactionCounterCheck>();
        services.AddIngest(builder.Configuration);
        services.AddHttpClient(ConnectionApis.HttpClientName, (sp, c) => sp.GetRequiredService<ProviderHttp>().Bound(c))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<ProviderHttp>().NewHandler())
            .AddHttpMessageHandler(() => new ProviderCallMeter());
        services.AddSingleton<IConnectionApis, ConnectionApis>();
        services.AddCleanup();
        services.AddConnect(builder.Configuration);
        services.AddGitHubApps(builder.Configuration);
        services.AddPoll(builder.Configuration);
        services.AddDiscover(builder.Configuration);
        services.AddHooks(builder.Configuration);
        services.AddRepositories();
        services.AddOutbound(builder.Configuration);

        // The key ring in PostgreSQL, sealed by the configured protector (Secrets/KeyRingSetup).
        services.AddHubKeyRing(builder.Configuration);
        return builder;
    }

    /// <summary>Migrates before the host starts serving, when the setting says so: the hub's schema, then Hangfire's.</summary>
    public static async Task MigrateHubAsync(this IHost host, CancellationToken ct = default)
    {
        if (host.Services.GetRequiredService<IOptions<HubOptions>>().Value.MigrateOnStart)
        {
            await host.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
            await HangfireSchemaInstall.InstallAsync(host.Services.GetRequiredService<NpgsqlDataSource>(),
                host.Services.GetRequiredService<IOptions<JobsOptions>>().Value.Schema, ct);
        }

        // After a logical restore the feed goes silent without an error; say so at start and on /healthz.
        await host.Services.GetRequiredService<IntegrationHub.Events.TransactionCounterCheck>().RunAsync(ct);
    }
}
