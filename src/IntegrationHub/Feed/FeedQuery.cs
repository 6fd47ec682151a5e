using IntegrationHub.Events;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Feed;

/// <summary>The query of <c>GET /api/v1/events</c>, checked: every problem found is reported at once, by parameter name.</summary>
internal sealed record FeedQuery(EventCursor After, EventFilter Filter, int Limit, TimeSpan Wait)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    public const int MaxWaitSeconds = 30;
    private const int MaxMentionLength = 100;

    private static readonly string ValidKinds = string.Join(", ", Enum.GetNames<EventKind>());

    public static FeedQuery? TryCreate(string? after, string? limit, string? repository, string? kind, string? mention, string? wait,
        out Dictionary<string, string[]> errors)
    {
        errors = [];
        if (!EventCursor.TryParse(after, out var cursor, out string? cursorError))
        {
            errors["after"] = [cursorError!];
        }

        int pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out pageSize) || pageSize is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }

        Guid? repositoryId = null;
        if (!string.IsNullOrEmpty(repository))
        {
            if (Guid.TryParse(repository, out var id))
            {
                repositoryId = id;
            }
            else
            {
                errors["repository"] = ["repository must be a repository id (a uuid) from GET /api/v1/repositories."];
            }
        }

        EventKind? eventKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            // By name only: Enum.TryParse would also take "3" or "1,2".
            string? name = Array.Find(Enum.GetNames<EventKind>(), n => string.Equals(n, kind, StringComparison.OrdinalIgnoreCase));
            if (name is null)
            {
                errors["kind"] = [$"Unknown event kind '{kind}'. Valid kinds: {ValidKinds}."];
            }
            else
            {
                eventKind = Enum.Parse<EventKind>(name);
            }
        }

        string? handle = string.IsNullOrEmpty(mention) ? null : mention.TrimStart('@');
        if (!string.IsNullOrEmpty(mention) && (string.IsNullOrWhiteSpace(handle) || handle.Length > MaxMentionLength))
        {
            errors["mention"] = [$"mention must be a handle of 1 to {MaxMentionLength} characters, with or without the @."];
        }

        int waitSeconds = 0;
        if (wait is not null && (!int.TryParse(wait, out waitSeconds) || waitSeconds is < 0 or > MaxWaitSeconds))
        {
            errors["wait"] = [$"wait must be a whole number of seconds from 0 to {MaxWaitSeconds}."];
        }

        return errors.Count > 0
            ? null
            : new FeedQuery(cursor, new EventFilter(repositoryId, eventKind, handle), pageSize, TimeSpan.FromSeconds(waitSeconds));
    }
}
