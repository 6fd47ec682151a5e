-- The W3C traceparent of the request that brought a delivery in, so its processing on a worker continues the same trace
-- (Telemetry/HubTracing.cs). NULL when the hub was not tracing: no text is stored on the ingress for spans nobody reads.
ALTER TABLE deliveries ADD COLUMN traceparent text;
