using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using static IntegrationHub.Providers.Poll.PollJson;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Tags (every page, ETagged while the list is one page with room) compared with the tags stored in the cursor: a new tag
/// is the push webhook's tag creation (<c>refs/tags/x</c>, before zeros, after its sha), a vanished one its deletion, a
/// moved one a push, all through the same normalizer and so the same natural keys. Deletions only when the whole list
/// was read. The first look only records the tags.
/// Known gap: the list gives the commit sha; for an annotated tag the push webhook's <c>after</c> is the tag object's
/// sha, so the two keys differ there and such a tag can be stored twice (once per source).
/// https://docs.github.com/rest/repos/repos#list-repository-tags
/// </summary>
internal static class GitHubPollTags
{
    private const int PerPage = 100;
    private const int MaxPages = 10;
    private static readonly string Zero = new('0', 40);

    public static async Task<PollStreamCursor?> ReadAsync(PollSession s, string repo, JsonObject context, PollStreamCursor? cursor, CancellationToken ct)
    {
        ApiResponse page = await s.GetAsync(s.Api.Api($"{repo}/tags?per_page={PerPage}"), cursor?.ETag, ct).ConfigureAwait(false);
        if (page.Status == HttpStatusCode.NotModified)
        {
            return null;
        }

        string? etag = page.Headers.ETag?.ToString();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        bool complete = false;
        for (int pages = 1; ; pages++)
        {
            int count = 0;
            using (JsonDocument doc = s.Parse(page))
            {
                foreach (JsonElement tag in doc.RootElement.EnumerateArray())
                {
                    count++;
                    if (tag.Text("name") is { } name && tag.Text("commit.sha") is { } sha)
                    {
                        tags[name] = sha;
                    }
                }
            }

            // One page's ETag stands for the list only while that list fits on it with room to spare.
            if (pages > 1 || count >= PerPage)
            {
                etag = null;
            }

            if (LinkHeaderPagination.NextUrl(page.Headers) is not { } next)
            {
                complete = true;
                break;
            }

            if (pages == MaxPages)
            {
                break;
            }

            page = await s.GetAsync(s.Api.CheckedNextUrl(next), null, ct).ConfigureAwait(false);
        }

        if (cursor?.Cursor is { } stored)
        {
            Diff(s, context, ReadMap(stored), tags, complete);
        }

        return new PollStreamCursor(WriteMap(tags), etag);
    }

    private static void Diff(PollSession s, JsonObject context, Dictionary<string, string> old, Dictionary<string, string> tags, bool complete)
    {
        DateTimeOffset now = s.Api.Time.GetUtcNow();
        foreach ((string name, string sha) in tags.Where(t => old.GetValueOrDefault(t.Key) != t.Value))
        {
            Push(s, context, name, old.GetValueOrDefault(name) ?? Zero, sha, now);
        }

        foreach ((string name, string sha) in old.Where(o => !tags.ContainsKey(o.Key)))
        {
            if (complete)
            {
                Push(s, context, name, sha, Zero, now);
            }
            else
            {
                // Not on the pages read this time is not gone: keep it.
                tags[name] = sha;
            }
        }
    }

    private static void Push(PollSession s, JsonObject context, string tag, string before, string after, DateTimeOffset at) =>
        s.Normalize(GitHubPollReader.Normalizer, "push", GitHubPollReader.Body(context, null,
            ("ref", "refs/tags/" + tag), ("before", before), ("after", after)), at);
}
