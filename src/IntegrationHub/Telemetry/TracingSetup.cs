using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace IntegrationHub.Telemetry;

/// <summary>
/// Traces through OpenTelemetry's TracerProvider, only when someone reads them (<see cref="TelemetryOptions.TraceSettings.Enabled"/>):
/// the hub's source (<see cref="HubTracing"/>), ASP.NET Core's request spans, HttpClient's (every provider call and
/// outbound webhook) and, when asked, Npgsql's; OTLP export when the same endpoint as the metrics' is set.
/// Off, nothing listens: the hub's StartActivity returns null, HttpClient makes no span, and ASP.NET Core keeps only the
/// unrecorded Activity it makes for every request anyway (its log lines' trace id).
/// </summary>
internal static class TracingSetup
{
    public static bool IsOn(TelemetryOptions options, string? otlp) => options.Tracing.Enabled ?? !string.IsNullOrEmpty(otlp);

    public static OpenTelemetryBuilder AddHubTracing(this OpenTelemetryBuilder otel, TelemetryOptions options, string? otlp)
    {
        if (!IsOn(options, otlp))
        {
            return otel;
        }

        // Traces start at the hub: a request's own traceparent is not followed (the webhook URLs are public).
        otel.Services.AddSingleton<System.Diagnostics.DistributedContextPropagator>(new NoInboundTraceContext());
        Sdk.SetDefaultTextMapPropagator(new OutboundOnlyPropagator());
        double ratio = Math.Clamp(options.Tracing.SampleRatio, 0, 1);
        string metricsPath = options.Prometheus.Path;
        return otel.WithTracing(tracing =>
        {
            // Parent-based: a delivery's processing keeps the decision made when it arrived, so a trace is whole or absent.
            tracing.SetSampler(new ParentBasedSampler(ratio >= 1 ? new AlwaysOnSampler() : new TraceIdRatioBasedSampler(ratio)))
                .AddSource(HubTracing.SourceName)
                // Probes and scrapes every few seconds would outnumber the traces worth reading.
                .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                    !http.Request.Path.StartsWithSegments("/healthz") && !http.Request.Path.StartsWithSegments(metricsPath))
                .AddHttpClientInstrumentation();
            if (options.Tracing.Database)
            {
                tracing.AddNpgsql();
            }

            if (!string.IsNullOrEmpty(otlp))
            {
                tracing.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            }
        });
    }
}
