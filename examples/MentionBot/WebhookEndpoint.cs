using System.Text.Json;
using System.Threading.Channels;

namespace MentionBot;

/// <summary>
/// <c>POST /webhooks</c>: verify the Standard Webhooks signature, drop a repeated webhook-id, queue the event and answer
/// 202 at once. The work happens after the answer: the hub times out slow receivers and counts that as a failure.
/// </summary>
internal static class WebhookEndpoint
{
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks", HandleAsync);
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpRequest request, WebhookVerifier verifier, SeenDeliveries seen,
        ChannelWriter<MentionWork> queue, ILoggerFactory logs, CancellationToken ct)
    {
        var log = logs.CreateLogger("MentionBot.Webhooks");
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        byte[]? payload = await ReadAsync(request.Body, ct);
        if (payload is null)
        {
            Log.Refused(log, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        // The signature covers the exact bytes received: verify them before parsing anything.
        string? refused = verifier.Check(request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], payload);
        if (refused is not null)
        {
            Log.Refused(log, refused);
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        string webhookId = request.Headers["webhook-id"].ToString();
        JsonElement data;
        try
        {
            using var body = JsonDocument.Parse(payload);
            if (!body.RootElement.TryGetProperty("data", out var d) || d.ValueKind != JsonValueKind.Object)
            {
                Log.Refused(log, "signed body without an event in data");
                return Results.StatusCode(StatusCodes.Status400BadRequest);
            }

            data = d.Clone();
        }
        catch (JsonException)
        {
            Log.Refused(log, "signed body is not JSON");
            return Results.StatusCode(StatusCodes.Status400BadRequest);
        }

        if (!seen.TryAdd(webhookId))
        {
            Log.Duplicate(log, webhookId);
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }

        if (!queue.TryWrite(new MentionWork(webhookId, data)))
        {
            seen.Forget(webhookId);
            Log.QueueFull(log, webhookId);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
