using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>Workflow runs, commit statuses, commits and branches as GitHub renders them.</summary>
internal static class GitHubCiJson
{
    public static JsonObject Run(GitHubUrls u, SimRepo repo, SimRun r, SimStore store) => new()
    {
        ["id"] = r.Id,
        ["name"] = r.Name,
        ["node_id"] = GitHubUserJson.NodeId("011:WorkflowRun", r.Id),
        ["head_branch"] = r.Branch,
        ["head_sha"] = r.Sha,
        ["path"] = ".github/workflows/ci.yml",
        ["display_title"] = r.Name,
        ["run_number"] = r.Number,
        ["event"] = "push",
        ["status"] = r.Status,
        ["conclusion"] = r.Conclusion,
        ["workflow_id"] = WorkflowId(repo),
        ["check_suite_id"] = r.Id + 1,
        ["check_suite_node_id"] = GitHubUserJson.NodeId("010:CheckSuite", r.Id + 1),
        ["url"] = $"{u.Repo(repo)}/actions/runs/{r.Id}",
        ["html_url"] = $"{u.RepoHtml(repo)}/actions/runs/{r.Id}",
        ["pull_requests"] = new JsonArray(),
        ["created_at"] = Iso(r.CreatedAt),
        ["updated_at"] = Iso(r.UpdatedAt),
        ["actor"] = GitHubUserJson.User(u, store.User(r.ActorId)),
        ["run_attempt"] = 1,
        ["run_started_at"] = Iso(r.CreatedAt),
        ["head_commit"] = HeadCommit(repo, r.Sha, store),
        ["repository"] = GitHubRepoJson.Minimal(u, repo, store),
    };

    public static JsonObject Workflow(GitHubUrls u, SimRepo repo, SimRun r) => new()
    {
        ["id"] = WorkflowId(repo),
        ["node_id"] = GitHubUserJson.NodeId("08:Workflow", WorkflowId(repo)),
        ["name"] = r.Name,
        ["path"] = ".github/workflows/ci.yml",
        ["state"] = "active",
        ["created_at"] = Iso(repo.CreatedAt),
        ["updated_at"] = Iso(repo.CreatedAt),
        ["url"] = $"{u.Repo(repo)}/actions/workflows/{WorkflowId(repo)}",
        ["html_url"] = $"{u.RepoHtml(repo)}/blob/{repo.DefaultBranch}/.github/workflows/ci.yml",
    };

    public static JsonObject Status(GitHubUrls u, SimRepo repo, SimStatus s, SimStore store) => new()
    {
        ["url"] = $"{u.Repo(repo)}/statuses/{s.Sha}",
        ["avatar_url"] = $"{u.Web}/avatars/u/{s.CreatorId}?v=4",
        ["id"] = s.Id,
        ["node_id"] = GitHubUserJson.NodeId("013:StatusContext", s.Id),
        ["state"] = s.State,
        ["description"] = s.Description,
        ["target_url"] = s.TargetUrl,
        ["context"] = s.Context,
        ["created_at"] = Iso(s.CreatedAt),
        ["updated_at"] = Iso(s.CreatedAt),
        ["creator"] = GitHubUserJson.User(u, store.User(s.CreatorId)),
    };

    /// <summary>A commit as <c>GET /repos/{o}/{r}/commits</c> lists it.</summary>
    public static JsonObject Commit(GitHubUrls u, SimRepo repo, SimCommit c, SimStore store)
    {
        var author = store.User(c.AuthorId);
        var person = new JsonObject { ["name"] = author.Name, ["email"] = author.Email, ["date"] = Iso(c.Timestamp) };
        return new JsonObject
        {
            ["sha"] = c.Sha,
            ["node_id"] = GitHubUserJson.NodeId("06:Commit", c.Sha.GetHashCode() & 0x7fffffff),
            ["commit"] = new JsonObject
            {
                ["author"] = person,
                ["committer"] = person.DeepClone(),
                ["message"] = c.Message,
                ["tree"] = new JsonObject { ["sha"] = c.Sha, ["url"] = $"{u.Repo(repo)}/git/trees/{c.Sha}" },
                ["url"] = $"{u.Repo(repo)}/git/commits/{c.Sha}",
                ["comment_count"] = 0,
            },
            ["url"] = $"{u.Repo(repo)}/commits/{c.Sha}",
            ["html_url"] = $"{u.RepoHtml(repo)}/commit/{c.Sha}",
            ["author"] = GitHubUserJson.User(u, author),
            ["committer"] = GitHubUserJson.User(u, author),
            ["parents"] = c.ParentSha is null ? new JsonArray()
                : new JsonArray(new JsonObject { ["sha"] = c.ParentSha, ["url"] = $"{u.Repo(repo)}/commits/{c.ParentSha}" }),
        };
    }

    public static JsonObject Branch(GitHubUrls u, SimRepo repo, string name, string sha) => new()
    {
        ["name"] = name,
        ["commit"] = new JsonObject { ["sha"] = sha, ["url"] = $"{u.Repo(repo)}/commits/{sha}" },
        ["protected"] = false,
    };

    public static JsonObject HeadCommit(SimRepo repo, string sha, SimStore store)
    {
        var c = repo.Commits.LastOrDefault(x => x.Sha == sha);
        var author = store.User(c?.AuthorId ?? repo.OwnerUserId);
        var person = new JsonObject { ["name"] = author.Name, ["email"] = author.Email };
        return new JsonObject
        {
            ["id"] = sha,
            ["tree_id"] = sha,
            ["message"] = c?.Message ?? "",
            ["timestamp"] = Iso(c?.Timestamp ?? repo.CreatedAt),
            ["author"] = person,
            ["committer"] = person.DeepClone(),
        };
    }

    private static long WorkflowId(SimRepo repo) => repo.Id * 10 + 1;
}
