using System.Net;
using System.Text.Json;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// A list of named refs (branches or tags: <c>name</c> and <c>commit.sha</c>) read over every page, and its difference
/// from the names stored in a cursor turned into ref changes for <see cref="RefChangeEvents"/>, as the push webhook's
/// are, so the poll and the hook share natural keys.
/// </summary>
internal static class GitHubPollRefList
{
    public const int PerPage = 100;
    private static readonly string Zero = new('0', 40);

    /// <summary>The whole list, or as much as <paramref name="maxPages"/> reads; null when GitHub answered 304.</summary>
    public static async Task<ListedRefs?> ReadAsync(PollSession s, string path, string? etag, int maxPages, CancellationToken ct)
    {
        ApiResponse page = await s.GetAsync(s.Api.Api($"{path}?per_page={PerPage}"), etag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? listEtag = page.Headers.ETag?.ToString();
        var refs = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int pages = 1; ; pages++)
        {
            int count = 0;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement item in doc.RootElement.EnumerateArray())
                {
                    count++;
                    if (item.Text("name") is { } name && item.Text("commit.sha") is { } sha)
                    {
                        refs[name] = sha;
                    }
                }
            }

            // GitHub's ETag covers one page: it stands for the list only while the list is one page with room to spare
            // (a ref added past a full page 1 leaves page 1, and its ETag, unchanged).
            if (pages > 1 || count >= PerPage)
            {
                listEtag = null;
            }

            if (LinkHeaderPagination.NextUrl(page.Headers) is not { } next)
            {
                return new ListedRefs(refs, true, listEtag);
            }

            if (pages == maxPages)
            {
                return new ListedRefs(refs, false, listEtag);
            }

            page = await s.GetAsync(s.Api.CheckedNextUrl(next), null, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// New and moved refs become pushes (a new one from zeros), vanished ones deletions, but only from a complete list:
    /// a ref not on the pages read this time keeps its stored sha in <see cref="ListedRefs.Refs"/>. Returns the shas that moved.
    /// </summary>
    public static List<string> Diff(PollSession s, string refPrefix, Dictionary<string, string> old, ListedRefs current)
    {
        DateTimeOffset now = s.Api.Time.GetUtcNow();
        var moved = new List<string>();
        foreach ((string name, string sha) in current.Refs.Where(r => old.GetValueOrDefault(r.Key) != r.Value))
        {
            moved.Add(sha);
            Push(s, refPrefix + name, old.GetValueOrDefault(name) ?? Zero, sha, now);
        }

        foreach ((string name, string sha) in old.Where(o => !current.Refs.ContainsKey(o.Key)).ToList())
        {
            if (current.Complete)
            {
                Push(s, refPrefix + name, sha, Zero, now);
            }
            else
            {
                current.Refs[name] = sha;
            }
        }

        return moved;
    }

    /// <summary>The list names no pusher, no push time and no compare page: no actor, the time of the look, no link.</summary>
    private static void Push(PollSession s, string fullRef, string before, string after, DateTimeOffset at) =>
        s.Add(RefChangeEvents.From(GitHubPollReader.Context(s, null, at), fullRef, before, after, htmlUrl: null));

    /// <summary>A ref list as read (named apart from the <c>Read</c> methods elsewhere): name → sha; <paramref name="Complete"/> when every page was read; the ETag when it covers the list.</summary>
    public sealed record ListedRefs(Dictionary<string, string> Refs, bool Complete, string? ETag);
}
