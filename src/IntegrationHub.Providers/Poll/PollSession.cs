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
        catch (PayloadException ex)
        {
            // A reader that reads a field the answer lacks: the stream fails like any unreadable answer, its cursor kept,
            // rather than the whole poll crashing.
            _events.RemoveRange(before, _events.Count - before);
            _failure = api.BadResponse(api.Endpoints.ApiRoot, $"stream '{stream}': {ex.Message}", ex);
        }
    }

    public void Add(IEnumerable<NormalizedEvent> events) => _events.AddRange(events);

    public void Add(NormalizedEvent e) => _events.Add(e);

    /// <summary>
    /// What the events of this repository share, built from the request rather than from a webhook-shaped body: the poll
    /// knows the repository's id and path, its page only where an item names it, and the actor only per item.
    /// </summary>
    public EventContext Context(string? actorLogin, DateTimeOffset occurredAt, string? repositoryPage = null) =>
        new(api.Descriptor.Kind, new EventRepository(request.Repository.ExternalId, request.Repository.FullPath, repositoryPage),
            actorLogin is null ? null : new EventActor(actorLogin, null), occurredAt);

    /// <summary>
    /// Adds the events a builder makes of one REST item. The builders are the webhook normalizers' and throw
    /// <see cref="PayloadException"/> for an item missing a field its event needs: such an item yields nothing, as such a
    /// delivery does, and the other items of the answer still count.
    /// </summary>
    public void TryAdd(Func<IEnumerable<NormalizedEvent>> build)
    {
        try
        {
            _events.AddRange(build().ToList());
        }
        catch (PayloadException)
        {
        }
    }

    /// <inheritdoc cref="TryAdd(Func{IEnumerable{NormalizedEvent}})"/>
    public void TryAdd(Func<NormalizedEvent> build) => TryAdd(() => [build()]);

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
