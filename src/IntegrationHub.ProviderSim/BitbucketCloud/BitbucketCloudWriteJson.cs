using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.BitbucketCloud.BitbucketCloudJson;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Comments on issues and commits, and the pull request a comment belongs to, as Bitbucket Cloud renders them.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-issue-tracker/#api-repositories-workspace-repo-slug-issues-issue-id-comments-post,
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commits/#api-repositories-workspace-repo-slug-commit-commit-comments-post
/// </summary>
internal static class BitbucketCloudWriteJson
{
    public static JsonObject PullRef(BitbucketCloudUrls u, SimRepo r, SimPull p) => new()
    {
        ["type"] = "pullrequest",
        ["id"] = p.Number,
        ["title"] = p.Title,
        ["links"] = Links(("self", $"{u.Repo(r)}/pullrequests/{p.Number}"), ("html", $"{u.RepoHtml(r)}/pull-requests/{p.Number}")),
    };

    public static JsonObject Issue(BitbucketCloudUrls u, SimRepo r, SimIssue i) => new()
    {
        ["id"] = i.Number,
        ["component"] = null,
        ["title"] = i.Title,
        ["content"] = Content(i.Body),
        ["priority"] = "major",
        ["state"] = i.State == "open" ? "new" : "resolved",
        ["type"] = "bug",
        ["milestone"] = null,
        ["version"] = null,
        ["created_on"] = IsoMs(i.CreatedAt),
        ["updated_on"] = IsoMs(i.UpdatedAt),
        ["links"] = Links(("self", $"{u.Repo(r)}/issues/{i.Number}"), ("html", $"{u.RepoHtml(r)}/issues/{i.Number}")),
    };

    public static JsonObject IssueComment(BitbucketCloudUrls u, SimRepo r, SimComment c, SimStore store) => new()
    {
        ["id"] = c.Id,
        ["type"] = "issue_comment",
        ["content"] = Content(c.Body),
        ["user"] = Account(u, store.User(c.AuthorId)),
        ["created_on"] = IsoMs(c.CreatedAt),
        ["updated_on"] = IsoMs(c.CreatedAt),
        ["links"] = Links(("self", $"{u.Repo(r)}/issues/{c.TargetNumber}/comments/{c.Id}"), ("html", $"{u.RepoHtml(r)}/issues/{c.TargetNumber}#comment-{c.Id}")),
    };

    public static JsonObject CommitComment(BitbucketCloudUrls u, SimRepo r, SimComment c, SimStore store) => new()
    {
        ["id"] = c.Id,
        ["type"] = "commit_comment",
        ["content"] = Content(c.Body),
        ["user"] = Account(u, store.User(c.AuthorId)),
        ["created_on"] = IsoMs(c.CreatedAt),
        ["updated_on"] = IsoMs(c.CreatedAt),
        ["deleted"] = false,
        ["commit"] = new JsonObject
        {
            ["type"] = "commit", ["hash"] = c.CommitSha, ["links"] = Links(("self", $"{u.Repo(r)}/commit/{c.CommitSha}"), ("html", $"{u.RepoHtml(r)}/commits/{c.CommitSha}")),
        },
        ["links"] = Links(("self", $"{u.Repo(r)}/commit/{c.CommitSha}/comments/{c.Id}"), ("html", $"{u.RepoHtml(r)}/commits/{c.CommitSha}#comment-{c.Id}")),
    };

    private static JsonObject Content(string raw) => new()
    {
        ["raw"] = raw, ["markup"] = "markdown", ["html"] = "<p>" + System.Net.WebUtility.HtmlEncode(raw) + "</p>",
    };
}
