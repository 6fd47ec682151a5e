using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Branch heads (every page of the list, ETagged while it is one page) compared with the heads stored in the cursor: a
/// new branch is BranchCreated and Push, a moved head a Push, a vanished one BranchDeleted, but only when the whole list
/// was read. Then the commit statuses of the heads that moved lately, each with its own ETag. The first look only
/// records the heads.
/// </summary>
internal static class GitHubPollRefs
{
    private const int TrackedShas = 10;

    /// <summary>Pages of branches read a cycle (2,000 branches); past that the list is partial and deletes nothing.</summary>
    private const int MaxPages = 20;

    public static async Task ReadAsync(PollSession s, string repo, CancellationToken ct)
    {
        var moved = new List<string>();
        await s.StreamAsync(PollStreams.Branches, c => BranchesAsync(s, repo, c, moved, ct)).ConfigureAwait(false);
        await s.StreamAsync(PollStreams.Statuses, c => StatusesAsync(s, repo, c, moved, ct)).ConfigureAwait(false);
    }

    private static async Task<PollStreamCursor?> BranchesAsync(PollSession s, string repo, PollStreamCursor? cursor, List<string> moved, CancellationToken ct)
    {
        if (await GitHubPollRefList.ReadAsync(s, $"{repo}/branches", cursor?.ETag, MaxPages, ct).ConfigureAwait(false) is not { } heads)
        {
            return null;
        }

        if (cursor?.Cursor is { } stored)
        {
            moved.AddRange(GitHubPollRefList.Diff(s, "refs/heads/", ReadMap(stored), heads));
        }
        else if (s.Request.DefaultBranch is { } main && heads.Refs.TryGetValue(main, out string? head))
        {
            moved.Add(head);
        }

        return new PollStreamCursor(WriteMap(heads.Refs), heads.ETag);
    }

    /// <summary>Cursor: the tracked shas and each one's ETag, newest first, at most <see cref="TrackedShas"/>.</summary>
    private static async Task<PollStreamCursor?> StatusesAsync(PollSession s, string repo, PollStreamCursor? cursor, List<string> moved, CancellationToken ct)
    {
        Dictionary<string, string> tracked = ReadMap(cursor?.Cursor);
        var shas = moved.Concat(tracked.Keys).Distinct(StringComparer.Ordinal).Take(TrackedShas).ToList();
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        bool changed = moved.Count > 0 || shas.Count != tracked.Count;
        foreach (string sha in shas)
        {
            string? etag = tracked.GetValueOrDefault(sha);
            ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/commits/{BaseUrls.Segment(sha)}/statuses?per_page=100"), string.IsNullOrEmpty(etag) ? null : etag, ct).ConfigureAwait(false);
            if (page.Status != HttpStatusCode.NotModified)
            {
                using JsonDocument doc = s.Parse(page);
                foreach (JsonElement status in doc.RootElement.EnumerateArray())
                {
                    DateTimeOffset at = status.Date("created_at") ?? DateTimeOffset.MinValue;
                    if (at < s.Request.WatchedSince)
                    {
                        continue;
                    }

                    if (status.Text("state") is { } state && EventNormalization.Outcome(state) is { } outcome && status.Text("context") is { } context)
                    {
                        s.Add(GitHubCiEvents.StatusChanged(GitHubPollReader.Context(s, GitHubPollReader.Login(status.Get("creator")), at),
                            status, sha, context, state, outcome));
                    }
                }

                etag = page.Headers.ETag?.ToString();
                changed = true;
            }

            next[sha] = etag ?? string.Empty;
        }

        // All 304: nothing to store, the cursor stays as it was.
        return changed ? new PollStreamCursor(WriteMap(next), null) : null;
    }
}
