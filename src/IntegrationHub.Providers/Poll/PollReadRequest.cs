using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Poll;

/// <summary>
/// One poll of one repository. <paramref name="Cursors"/> holds the stored cursor per stream (missing streams start at
/// <paramref name="WatchedSince"/>: nothing older is reported). <paramref name="ProviderHookId"/> is our hook at the
/// provider, when registered (GitHub: its deliveries list is swept for failed deliveries to redeliver).
/// </summary>
public sealed record PollReadRequest(
    RepositoryRef Repository,
    IReadOnlyDictionary<string, PollStreamCursor> Cursors,
    DateTimeOffset WatchedSince,
    string? ProviderHookId = null,
    string? DefaultBranch = null)
{
    public PollStreamCursor? CursorOf(string stream) => Cursors.TryGetValue(stream, out PollStreamCursor? c) ? c : null;
}
