using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>GitHub's pull request and issue objects (REST list items and the webhook <c>pull_request</c>/<c>issue</c>).</summary>
internal static class GitHubPullJson
{
    public static JsonObject Pull(GitHubUrls u, SimRepo repo, SimPull p, SimStore store)
    {
        var self = $"{u.Repo(repo)}/pulls/{p.Number}";
        var html = $"{u.RepoHtml(repo)}/pull/{p.Number}";
        var author = GitHubUserJson.User(u, store.User(p.AuthorId));
        return new JsonObject
        {
            ["url"] = self,
            ["id"] = p.Id,
            ["node_id"] = GitHubUserJson.NodeId("011:PullRequest", p.Id),
            ["html_url"] = html,
            ["number"] = p.Number,
            ["state"] = p.IsOpen ? "open" : "closed",
            ["locked"] = false,
            ["title"] = p.Title,
            ["user"] = author,
            ["body"] = p.Body,
            ["created_at"] = Iso(p.CreatedAt),
            ["updated_at"] = Iso(p.UpdatedAt),
            ["closed_at"] = p.ClosedAt is { } c ? Iso(c) : null,
            ["merged_at"] = p.MergedAt is { } m ? Iso(m) : null,
            ["merge_commit_sha"] = p.MergeSha,
            ["assignee"] = null,
            ["requested_teams"] = new JsonArray(),
            ["draft"] = false,
            ["head"] = Ref(u, repo, p.SourceBranch, p.HeadSha, store),
            ["base"] = Ref(u, repo, p.TargetBranch, p.BaseSha, store),
            ["_links"] = new JsonObject
            {
                ["self"] = Href(self),
                ["html"] = Href(html),
                ["issue"] = Href($"{u.Repo(repo)}/issues/{p.Number}"),
                ["comments"] = Href($"{u.Repo(repo)}/issues/{p.Number}/comments"),
                ["commits"] = Href(self + "/commits"),
                ["statuses"] = Href($"{u.Repo(repo)}/statuses/{p.HeadSha}"),
            },
            ["author_association"] = "OWNER",
            ["auto_merge"] = null,
            ["merged"] = p.State == "merged",
            ["mergeable"] = null,
            ["mergeable_state"] = "unknown",
            ["merged_by"] = p.State == "merged" ? author.DeepClone() : null,
            ["comments"] = repo.Comments.Count(c => c.OnPull && c.TargetNumber == p.Number),
            ["review_comments"] = 0,
            ["maintainer_can_modify"] = false,
            ["commits"] = 1,
            ["additions"] = 1,
            ["deletions"] = 0,
            ["changed_files"] = 1,
        };
    }

    /// <summary>An issue; for a pull request's conversation (comments on PRs go through the issues API) too.</summary>
    public static JsonObject Issue(GitHubUrls u, SimRepo repo, int number, string title, string body, string state,
        long id, long authorId, DateTimeOffset created, DateTimeOffset updated, DateTimeOffset? closed, bool isPull, SimStore store)
    {
        var o = new JsonObject
        {
            ["url"] = $"{u.Repo(repo)}/issues/{number}",
            ["html_url"] = $"{u.RepoHtml(repo)}/{(isPull ? "pull" : "issues")}/{number}",
            ["id"] = id,
            ["node_id"] = GitHubUserJson.NodeId("05:Issue", id),
            ["number"] = number,
            ["title"] = title,
            ["user"] = GitHubUserJson.User(u, store.User(authorId)),
            ["state"] = state,
            ["locked"] = false,
            ["assignee"] = null,
            ["comments"] = repo.Comments.Count(c => c.OnPull == isPull && c.TargetNumber == number),
            ["created_at"] = Iso(created),
            ["updated_at"] = Iso(updated),
            ["closed_at"] = closed is { } c ? Iso(c) : null,
            ["author_association"] = "OWNER",
            ["body"] = body,
        };
        if (isPull)
        {
            // Documented on every issue that is a pull request; the hub tells PR comments from issue comments by it.
            // https://docs.github.com/rest/issues/issues#list-repository-issues
            o["pull_request"] = new JsonObject
            {
                ["url"] = $"{u.Repo(repo)}/pulls/{number}",
                ["html_url"] = $"{u.RepoHtml(repo)}/pull/{number}",
            };
        }

        return o;
    }

    public static JsonObject Issue(GitHubUrls u, SimRepo repo, SimIssue i, SimStore store) =>
        Issue(u, repo, i.Number, i.Title, i.Body, i.State, i.Id, i.AuthorId, i.CreatedAt, i.UpdatedAt, i.ClosedAt, false, store);

    public static JsonObject IssueOfPull(GitHubUrls u, SimRepo repo, SimPull p, SimStore store) =>
        Issue(u, repo, p.Number, p.Title, p.Body, p.IsOpen ? "open" : "closed", p.Id + 1, p.AuthorId, p.CreatedAt, p.UpdatedAt, p.ClosedAt, true, store);

    public static JsonObject Comment(GitHubUrls u, SimRepo repo, SimComment c, SimStore store) => new()
    {
        ["url"] = $"{u.Repo(repo)}/issues/comments/{c.Id}",
        ["html_url"] = $"{u.RepoHtml(repo)}/{(c.OnPull ? "pull" : "issues")}/{c.TargetNumber}#issuecomment-{c.Id}",
        ["issue_url"] = $"{u.Repo(repo)}/issues/{c.TargetNumber}",
        ["id"] = c.Id,
        ["node_id"] = GitHubUserJson.NodeId("012:IssueComment", c.Id),
        ["user"] = GitHubUserJson.User(u, store.User(c.AuthorId)),
        ["created_at"] = Iso(c.CreatedAt),
        ["updated_at"] = Iso(c.CreatedAt),
        ["author_association"] = "OWNER",
        ["body"] = c.Body,
        ["performed_via_github_app"] = null,
    };

    private static JsonObject Ref(GitHubUrls u, SimRepo repo, string branch, string sha, SimStore store) => new()
    {
        ["label"] = $"{repo.Owner}:{branch}",
        ["ref"] = branch,
        ["sha"] = sha,
        ["user"] = GitHubUserJson.Owner(u, repo, store),
        ["repo"] = GitHubRepoJson.Webhook(u, repo, store),
    };

    private static JsonObject Href(string url) => new() { ["href"] = url };
}
