namespace IntegrationHub.Telemetry;

/// <summary><c>Hub:Telemetry</c>: where the hub's metrics and traces go (README, Configuration).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Hub:Telemetry";

    public PrometheusScrape Prometheus { get; set; } = new();

    public OtlpExport Otlp { get; set; } = new();

    public TraceSettings Tracing { get; set; } = new();

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

    public sealed class TraceSettings
    {
        /// <summary>
        /// Unset: trace when an OTLP endpoint is set (there is someone to read the spans). True: trace without OTLP too (the
        /// JSON logs then carry one trace id from a webhook's arrival to its processing on a worker; tests add an exporter
        /// of their own). False: never, even with OTLP set (metrics only).
        /// </summary>
        public bool? Enabled { get; set; }

        /// <summary>Share of new traces kept (0 to 1); a trace continued from a stored or incoming context follows its parent's decision.</summary>
        public double SampleRatio { get; set; } = 1.0;

        /// <summary>Also a span per PostgreSQL command (Npgsql): several per delivery and per poll, so off unless asked.</summary>
        public bool Database { get; set; }
    }
}
