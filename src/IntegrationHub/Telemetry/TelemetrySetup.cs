using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace IntegrationHub.Telemetry;

/// <summary>
/// Metrics through OpenTelemetry's MeterProvider: the hub's meter (<see cref="HubMetrics"/>), ASP.NET Core, HttpClient,
/// .NET runtime and Npgsql instrumentation; a Prometheus scrape endpoint and OTLP export, each by setting. Traces, when
/// on, through a TracerProvider beside it (<see cref="TracingSetup"/>).
/// </summary>
public static class TelemetrySetup
{
    public static IHostApplicationBuilder AddHubTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        builder.Services.Configure<TelemetryOptions>(builder.Configuration.GetSection(TelemetryOptions.Section));
        builder.Services.AddSingleton<HubStateReader>();
        builder.Services.AddHostedService<HubStateActivation>();
        string? otlp = options.Otlp.Endpoint is { Length: > 0 } e ? e : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .AddHubTracing(options, otlp)
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(HubMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    .AddView(WithoutRemoteNames);
                if (options.Prometheus.Enabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (!string.IsNullOrEmpty(otlp))
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
                }
            });
        return builder;
    }

    /// <summary>
    /// HttpClient and DNS metrics name the remote host (<c>server.address</c>, <c>dns.question.name</c>): a tenant's
    /// self-hosted GitLab or its outbound webhook endpoint, text the tenant chose and as many series as customers. Only
    /// these bounded tags are kept.
    /// </summary>
    private static MetricStreamConfiguration? WithoutRemoteNames(System.Diagnostics.Metrics.Instrument instrument) => instrument.Meter.Name switch
    {
        "System.Net.Http" => new MetricStreamConfiguration
        {
            TagKeys = ["http.request.method", "http.response.status_code", "error.type", "network.protocol.version", "http.connection.state", "url.scheme"],
        },
        "System.Net.NameResolution" => new MetricStreamConfiguration { TagKeys = ["error.type"] },
        _ => null,
    };

    /// <summary>
    /// <c>GET /metrics</c> (the setting's path) in Prometheus text, when enabled. With a port set it answers only on
    /// connections to that local port (the operator lists it in <c>urls</c> and keeps it off the public Service and Ingress);
    /// the Host header plays no part, so a public client cannot reach it by naming the port.
    /// </summary>
    public static IEndpointRouteBuilder MapHubMetrics(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value;
        if (!options.Prometheus.Enabled)
        {
            return app;
        }

        int? port = options.Prometheus.Port;
        app.MapPrometheusScrapingEndpoint(options.Prometheus.Path, meterProvider: null, configureBranchedPipeline: branch =>
        {
            if (port is { } only)
            {
                branch.Use((HttpContext http, RequestDelegate next) =>
                {
                    if (http.Connection.LocalPort != only)
                    {
                        http.Response.StatusCode = StatusCodes.Status404NotFound;
                        return Task.CompletedTask;
                    }

                    return next(http);
                });
            }
        }, optionsName: null);
        return app;
    }
}
