using System.Globalization;
using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// The head sha of every open pull request, as last seen, so a push to one (the webhook's <c>synchronize</c>) is found in
/// the pulls list without the events feed, which lags 30 s to hours. Two pushes between two looks are one update: the
/// list only shows the newest head. Cursor: <c>{"number": "sha"}</c>; closed pull requests drop out.
/// With no cursor yet (first look, or a repository polled before this stream existed) the open list is read once to
/// learn the heads, so the next push to a pull request opened before watching began is not mistaken for nothing.
/// </summary>
internal sealed class GitHubPollPullHeads
{
    private const int MaxSeedPages = 5;

    private Dictionary<string, string> _heads = new(StringComparer.Ordinal);
    private bool _changed;

    /// <summary>Loads the stored heads, or reads the open list when none are stored.</summary>
    public async Task LoadAsync(PollSession s, string repo, CancellationToken ct)
    {
        if (s.Request.CursorOf(PollStreams.PullHeads)?.Cursor is { } stored)
        {
            _heads = ReadMap(stored);
            return;
        }

        _changed = true;
        Uri? url = s.Api.Api($"{repo}/pulls?state=open&per_page={GitHubPollPulls.PerPage}");
        for (int page = 0; page < MaxSeedPages && url is not null; page++)
        {
            ApiResponse answer = await s.GetAsync(url, null, ct).ConfigureAwait(false);
            if (answer.Status == HttpStatusCode.NotModified)
            {
                return;
            }

            using (JsonDocument doc = s.Parse(answer))
            {
                foreach (JsonElement pr in doc.RootElement.EnumerateArray())
                {
                    if (pr.Long("number") is { } n && pr.Text("head.sha") is { } sha)
                    {
                        _heads[Key(n)] = sha;
                    }
                }
            }

            url = LinkHeaderPagination.NextUrl(answer.Headers) is { } next ? s.Api.CheckedNextUrl(next) : null;
        }
    }

    /// <summary>
    /// Records what the pulls list shows now and returns the head it had before when it moved (an update to emit);
    /// null for a pull request seen the first time or unchanged.
    /// </summary>
    public string? See(long number, string? headSha, bool open)
    {
        string key = Key(number);
        string? before = _heads.GetValueOrDefault(key);
        if (!open)
        {
            _changed |= _heads.Remove(key);
        }
        else if (headSha is not null && before != headSha)
        {
            _heads[key] = headSha;
            _changed = true;
        }

        return before is not null && headSha is not null && before != headSha ? before : null;
    }

    /// <summary>The new cursor, or null when nothing changed (the stored one stands).</summary>
    public PollStreamCursor? Cursor() => _changed ? new PollStreamCursor(WriteMap(_heads), null) : null;

    private static string Key(long number) => number.ToString(CultureInfo.InvariantCulture);
}
