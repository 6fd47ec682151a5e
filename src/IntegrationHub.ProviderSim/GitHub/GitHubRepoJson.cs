using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// GitHub's repository object. The REST API and most webhooks use ISO timestamps; the push webhook uses Unix
/// seconds for <c>created_at</c> and <c>pushed_at</c> (see the push fixture).
/// </summary>
internal static class GitHubRepoJson
{
    public static JsonObject Api(GitHubUrls u, SimRepo repo, SimStore store, bool admin)
    {
        var o = Common(u, repo, store);
        o["created_at"] = Iso(repo.CreatedAt);
        o["pushed_at"] = Iso(repo.PushedAt);
        o["permissions"] = new JsonObject { ["admin"] = admin, ["push"] = true, ["pull"] = true };
        return o;
    }

    public static JsonObject Webhook(GitHubUrls u, SimRepo repo, SimStore store, bool unixTimes = false)
    {
        var o = Common(u, repo, store);
        o["created_at"] = unixTimes ? repo.CreatedAt.ToUnixTimeSeconds() : Iso(repo.CreatedAt);
        o["pushed_at"] = unixTimes ? repo.PushedAt.ToUnixTimeSeconds() : Iso(repo.PushedAt);
        return o;
    }

    /// <summary>The minimal repository of workflow runs: identity and URLs only.</summary>
    public static JsonObject Minimal(GitHubUrls u, SimRepo repo, SimStore store)
    {
        var full = Common(u, repo, store);
        var o = new JsonObject();
        foreach (var key in (string[])["id", "node_id", "name", "full_name", "private", "owner", "html_url", "description", "fork", "url", "hooks_url", "events_url", "pulls_url"])
        {
            var value = full[key];
            full.Remove(key);
            o[key] = value;
        }

        return o;
    }

    private static JsonObject Common(GitHubUrls u, SimRepo repo, SimStore store) => new()
    {
        ["id"] = repo.Id,
        ["node_id"] = GitHubUserJson.NodeId("010:Repository", repo.Id),
        ["name"] = repo.Name,
        ["full_name"] = repo.FullName,
        ["private"] = repo.Private,
        ["owner"] = GitHubUserJson.Owner(u, repo, store),
        ["html_url"] = u.RepoHtml(repo),
        ["description"] = repo.Description,
        ["fork"] = false,
        ["url"] = u.Repo(repo),
        ["hooks_url"] = u.Repo(repo) + "/hooks",
        ["events_url"] = u.Repo(repo) + "/events",
        ["pulls_url"] = u.Repo(repo) + "/pulls{/number}",
        ["updated_at"] = Iso(repo.UpdatedAt),
        ["clone_url"] = u.RepoHtml(repo) + ".git",
        ["ssh_url"] = $"git@{new Uri(u.Origin).Host}:{repo.FullName}.git",
        ["homepage"] = "",
        ["size"] = 0,
        ["stargazers_count"] = 0,
        ["watchers_count"] = 0,
        ["has_issues"] = true,
        ["has_projects"] = true,
        ["has_downloads"] = true,
        ["has_wiki"] = true,
        ["has_pages"] = false,
        ["forks_count"] = 0,
        ["archived"] = false,
        ["disabled"] = false,
        ["open_issues_count"] = repo.Issues.Count(i => i.State == "open") + repo.Pulls.Count(p => p.IsOpen),
        ["is_template"] = false,
        ["topics"] = new JsonArray(),
        ["visibility"] = repo.Private ? "private" : "public",
        ["default_branch"] = repo.DefaultBranch,
    };
}
