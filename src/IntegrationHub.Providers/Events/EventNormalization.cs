using System.Text.Json;

namespace IntegrationHub.Providers.Events;

/// <summary>The edge every normalizer shares: parse the body, run the provider's reading, turn bad input into Invalid results.</summary>
internal static class EventNormalization
{
    /// <summary>Deeply nested JSON is an attack, not a webhook; provider payloads stay far below this.</summary>
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public static NormalizationResult Run(ReadOnlyMemory<byte> body, Func<JsonElement, NormalizationResult> normalize)
    {
        if (body.IsEmpty)
        {
            return NormalizationResult.Invalid("the body is empty");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return NormalizationResult.Invalid("the body is JSON but not an object");
            }

            return normalize(document.RootElement);
        }
        catch (JsonException ex)
        {
            // Position only: the exception's own message quotes the offending bytes, and reasons never carry body content.
            return NormalizationResult.Invalid($"the body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
        }
        catch (PayloadException ex)
        {
            return NormalizationResult.Invalid(ex.Message);
        }
    }

    /// <summary>Outcome of a pipeline or status from the provider's spelling; null for states that are not final.</summary>
    public static PipelineOutcome? Outcome(string? state) => state?.ToLowerInvariant() switch
    {
        "success" or "successful" or "succeeded" => PipelineOutcome.Success,
        "failure" or "failed" or "error" or "timed_out" or "startup_failure" or "partiallysucceeded" => PipelineOutcome.Failed,
        "cancelled" or "canceled" or "stopped" => PipelineOutcome.Canceled,
        _ => null,
    };
}
