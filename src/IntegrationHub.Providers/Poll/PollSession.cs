using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// One poll of one repository in progress: counts calls and 304s, runs streams one after another and stops at the first
/// failure, keeping what the finished streams found. Only streams that finished hand back a new cursor.
/// </summary>
internal sealed class PollSession(ApiTransport api, PollReadRequest request)
{
    private readonly List<NormalizedEvent> _events = [];
    private readonly Dictionary<string, PollStreamCursor> _cursors = new(StringComparer.Ordinal);
    private ProviderApiException? _failure;
    private int _calls;
    private int _notModified;
    private int _redeliveries;

    public ApiTransport Api => api;
    public PollReadRequest Request => request;
    public string RepoId => request.Repository.ExternalId;

    /// <summary>A conditional GET; a 304 answer has <see cref="ApiResponse.Status"/> NotModified and an empty body.</summary>
    public async Task<ApiResponse> GetAsync(Uri url, string? etag, CancellationToken ct)
    {
        _calls++;
        ApiResponse response = await api.GetConditionalAsync(url, etag, ct).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotModified)
        {
            _notModified++;
        }

        return response;
    }

    public async Task<ApiResponse> PostAsync(Uri url, CancellationToken ct)
    {
        _calls++;
        return await api.SendAsync(HttpMethod.Post, url, null, ct).ConfigureAwait(false);
    }

    public void CountRedelivery() => _redeliveries++;

    /// <summary>
    /// Runs one stream. <paramref name="read"/> gets the stored cursor and returns the new one (null: leave it as is).
    /// An <paramref name="optional"/> stream that answers 404/403 (feature off, hook gone) is skipped, not a failure.
    /// </summary>
    public async Task StreamAsync(string stream, Func<PollStreamCursor?, Task<PollStreamCursor?>> read, bool optional = false)
    {
        if (_failure is not null)
        {
            return;
        }

        int before = _events.Count;
        try
        {
            if (await read(request.CursorOf(stream)).ConfigureAwait(false) is { } cursor)
            {
                _cursors[stream] = cursor;
            }
        }
        catch (ProviderApiException ex) when (optional && ex.Kind is ProviderApiErrorKind.NotFound or ProviderApiErrorKind.Forbidden)
        {
            _events.RemoveRange(before, _events.Count - before);
        }
        catch (ProviderApiException ex)
        {
            _events.RemoveRange(before, _events.Count - before);
            _failure = ex;
        }
    }

    public void Add(IEnumerable<NormalizedEvent> events) => _events.AddRange(events);

    public void Add(NormalizedEvent e) => _events.Add(e);

    /// <summary>
    /// What the events of this repository share, built from the request rather than from a webhook-shaped body: the poll
    /// knows the repository's id and path (not its page), and the actor only per item.
    /// </summary>
    public EventContext Context(string? actorLogin, DateTimeOffset occurredAt) =>
        new(api.Descriptor.Kind, new EventRepository(request.Repository.ExternalId, request.Repository.FullPath, null),
            actorLogin is null ? null : new EventActor(actorLogin, null), occurredAt);

    public JsonDocument Parse(ApiResponse response)
    {
        try
        {
            return JsonDocument.Parse(response.Body);
        }
        catch (JsonException ex)
        {
            throw api.BadResponse(response.RequestUrl, "the answer is not JSON", ex);
        }
    }

    public PollReadResult Result()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = _events.Where(e => seen.Add(e.NaturalKey)).Select(e => e with { Source = EventSource.Poll }).ToList();
        return new PollReadResult
        {
            Events = events,
            Cursors = _cursors,
            Calls = _calls,
            NotModified = _notModified,
            Redeliveries = _redeliveries,
            RateLimit = api.LastRateLimit,
            Failure = _failure,
        };
    }
}
