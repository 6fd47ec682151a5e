namespace IntegrationHub.Telemetry;

/// <summary><c>Hub:Telemetry</c>: where the hub's metrics go (README, Configuration).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Hub:Telemetry";

    public PrometheusScrape Prometheus { get; set; } = new();

    public OtlpExport Otlp { get; set; } = new();

    /// <summary>How long the gauges read from PostgreSQL (inbox depth, hooks by state, ...) are reused before reading again.</summary>
    public int StateCacheSeconds { get; set; } = 15;

    public sealed class PrometheusScrape
    {
        public bool Enabled { get; set; } = true;

        public string Path { get; set; } = "/metrics";

        /// <summary>When set, the scrape endpoint answers only on connections to this local port (404 on every other).</summary>
        public int? Port { get; set; }
    }

    public sealed class OtlpExport
    {
        /// <summary>OTLP collector address; empty: the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, or no export when neither is set.</summary>
        public string? Endpoint { get; set; }
    }
}
