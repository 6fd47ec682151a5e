using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.BitbucketCloud.BitbucketCloudJson;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>Pull requests, comments, commits, pipelines and commit statuses as Bitbucket Cloud renders them.</summary>
internal static class BitbucketCloudActivityJson
{
    /// <summary>OPEN, MERGED, DECLINED.</summary>
    public static string State(SimPull p) => p.State switch { "open" => "OPEN", "merged" => "MERGED", _ => "DECLINED" };

    public static JsonObject Pull(BitbucketCloudUrls u, SimRepo r, SimPull p, SimStore store) => new()
    {
        ["type"] = "pullrequest",
        ["id"] = p.Number,
        ["title"] = p.Title,
        ["description"] = p.Body,
        ["state"] = State(p),
        ["author"] = Account(u, store.User(p.AuthorId)),
        ["source"] = Side(u, r, p.SourceBranch, p.HeadSha),
        ["destination"] = Side(u, r, p.TargetBranch, p.BaseSha),
        ["merge_commit"] = p.MergeSha is null ? null : new JsonObject { ["hash"] = p.MergeSha[..12] },
        ["participants"] = new JsonArray(),
        ["reviewers"] = new JsonArray(),
        ["close_source_branch"] = false,
        ["closed_by"] = p.IsOpen ? null : Account(u, store.User(p.AuthorId)),
        ["reason"] = "",
        ["created_on"] = IsoMs(p.CreatedAt),
        ["updated_on"] = IsoMs(p.UpdatedAt),
        ["comment_count"] = r.Comments.Count(c => c.OnPull && c.TargetNumber == p.Number),
        ["links"] = Links(("self", $"{u.Repo(r)}/pullrequests/{p.Number}"), ("html", $"{u.RepoHtml(r)}/pull-requests/{p.Number}")),
    };

    public static JsonObject Comment(BitbucketCloudUrls u, SimRepo r, SimComment c, SimStore store) => new()
    {
        ["id"] = c.Id,
        ["type"] = "pullrequest_comment",
        ["content"] = new JsonObject { ["raw"] = c.Body, ["markup"] = "markdown", ["html"] = "<p>" + System.Net.WebUtility.HtmlEncode(c.Body) + "</p>" },
        ["user"] = Account(u, store.User(c.AuthorId)),
        ["created_on"] = IsoMs(c.CreatedAt),
        ["updated_on"] = IsoMs(c.CreatedAt),
        ["deleted"] = false,
        ["links"] = Links(("self", $"{u.Repo(r)}/pullrequests/{c.TargetNumber}/comments/{c.Id}"),
            ("html", $"{u.RepoHtml(r)}/pull-requests/{c.TargetNumber}/_/diff#comment-{c.Id}")),
    };

    public static JsonObject Commit(BitbucketCloudUrls u, SimRepo r, SimCommit c, SimStore store) => new()
    {
        ["type"] = "commit",
        ["hash"] = c.Sha,
        ["message"] = c.Message + "\n",
        ["date"] = c.Timestamp.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
        ["author"] = new JsonObject { ["type"] = "author", ["raw"] = $"{store.User(c.AuthorId).Name} <{store.User(c.AuthorId).Email}>", ["user"] = Account(u, store.User(c.AuthorId)) },
        ["parents"] = c.ParentSha is null ? new JsonArray() : new JsonArray(new JsonObject
        {
            ["type"] = "commit", ["hash"] = c.ParentSha,
            ["links"] = Links(("self", $"{u.Repo(r)}/commit/{c.ParentSha}"), ("html", $"{u.RepoHtml(r)}/commits/{c.ParentSha}")),
        }),
        ["links"] = Links(("self", $"{u.Repo(r)}/commit/{c.Sha}"), ("html", $"{u.RepoHtml(r)}/commits/{c.Sha}")),
    };

    /// <summary>A Bitbucket Pipelines run. https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pipelines/</summary>
    public static JsonObject Pipeline(BitbucketCloudUrls u, SimRepo r, SimRun run) => new()
    {
        ["type"] = "pipeline",
        ["uuid"] = "{" + new Guid((int)run.Id, 0, 0, new byte[8]) + "}",
        ["build_number"] = run.Number,
        ["state"] = new JsonObject
        {
            ["name"] = "COMPLETED", ["type"] = "pipeline_state_completed",
            ["result"] = new JsonObject { ["name"] = Result(run), ["type"] = "pipeline_state_completed_" + Result(run).ToLowerInvariant() },
        },
        ["target"] = new JsonObject
        {
            ["type"] = "pipeline_ref_target", ["ref_type"] = "branch", ["ref_name"] = run.Branch,
            ["commit"] = new JsonObject { ["type"] = "commit", ["hash"] = run.Sha },
        },
        ["created_on"] = IsoMs(run.CreatedAt),
        ["completed_on"] = IsoMs(run.UpdatedAt),
        ["repository"] = RepoRef(u, r),
    };

    public static string Result(SimRun run) => run.Conclusion switch { "success" => "SUCCESSFUL", "failure" => "FAILED", _ => "STOPPED" };

    /// <summary>SUCCESSFUL, FAILED, INPROGRESS or STOPPED for GitHub-style states.</summary>
    public static string StatusState(string state) => state switch
    {
        "success" => "SUCCESSFUL", "failure" or "error" => "FAILED", "pending" => "INPROGRESS", var s => s.ToUpperInvariant(),
    };

    public static JsonObject Status(BitbucketCloudUrls u, SimRepo r, string sha, string key, string name, string state, string? description, string? url,
        DateTimeOffset at) => new()
    {
        ["name"] = name,
        ["description"] = description ?? "",
        ["state"] = state,
        ["key"] = key,
        ["url"] = url ?? $"{u.RepoHtml(r)}/commits/{sha}",
        ["type"] = "build",
        ["created_on"] = IsoMs(at),
        ["updated_on"] = IsoMs(at),
        ["links"] = Links(("commit", $"{u.Repo(r)}/commit/{sha}"), ("self", $"{u.Repo(r)}/commit/{sha}/statuses/build/{key}")),
    };

    /// <summary>The commit status Pipelines reports for a finished run (what repo:commit_status_updated carries).</summary>
    public static JsonObject RunStatus(BitbucketCloudUrls u, SimRepo r, SimRun run) =>
        Status(u, r, run.Sha, "pipelines-" + run.Number, run.Name, Result(run), $"Pipeline #{run.Number}", $"{u.RepoHtml(r)}/pipelines/results/{run.Number}", run.UpdatedAt);

    private static JsonObject Side(BitbucketCloudUrls u, SimRepo r, string branch, string sha) => new()
    {
        ["branch"] = new JsonObject { ["name"] = branch },
        ["commit"] = new JsonObject { ["hash"] = sha.Length >= 12 ? sha[..12] : sha },
        ["repository"] = RepoRef(u, r),
    };
}
