using System.Text.Json;
using IntegrationHub.Data;
using IntegrationHub.Events;
using IntegrationHub.Providers.Events;
using IntegrationHub.Transport;
namespace IntegrationHub.WebhookIntake;

/// <summary>One line of the Activity page: a stored event and the one-line summary its details give.</summary>
internal sealed record ActivityRow(StoredEvent Event, string Repository, string Summary)
{
    public static ActivityRow From(StoredEvent e, string repository) => new(e, repository, Summarize(e.Payload));

    private static string Summarize(string payload)
    {
        NormalizedEvent? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<NormalizedEvent>(payload, EventJson.Options);
        }
        catch (JsonException)
        {
            return string.Empty;
        }

        if (parsed?.Details is not { } d)
        {
            return string.Empty;
        }

        var parts = new List<string?>
        {
            d.Number is { } n ? $"#{n}" : null,
            d.Title,
            d.Ref is { } r ? r.Replace("refs/heads/", string.Empty, StringComparison.Ordinal) : null,
            d.AfterSha is { Length: >= 7 } sha ? sha[..7] : null,
            d.PipelineName,
            d.Outcome?.ToString().ToLowerInvariant(),
            d.StatusContext is { } c ? $"{c}: {d.StatusState}" : null,
            d.CommentExcerpt,
        };
        return string.Join(" · ", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }
}
