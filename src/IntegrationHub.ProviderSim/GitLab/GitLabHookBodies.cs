using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.GitLab.GitLabHookTimes;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>The objects GitLab webhook bodies share: user, project, repository, commit. https://docs.gitlab.com/user/project/integrations/webhook_events/</summary>
internal static class GitLabHookBodies
{
    public static JsonObject User(GitLabUrls u, SimUser user) => new()
    {
        ["id"] = user.Id,
        ["name"] = user.Name,
        ["username"] = user.Login,
        ["avatar_url"] = $"{u.Web}/uploads/-/system/user/avatar/{user.Id}/avatar.png",
        ["email"] = user.Email,
    };

    public static JsonObject Project(GitLabUrls u, SimRepo p) => new()
    {
        ["id"] = p.Id,
        ["name"] = p.Name,
        ["description"] = p.Description,
        ["web_url"] = u.Project(p),
        ["avatar_url"] = null,
        ["git_ssh_url"] = $"git@{new Uri(u.Origin).Host}:{p.FullName}.git",
        ["git_http_url"] = u.Project(p) + ".git",
        ["namespace"] = p.Owner,
        ["visibility_level"] = p.Private ? 0 : 20,
        ["path_with_namespace"] = p.FullName,
        ["default_branch"] = p.DefaultBranch,
        ["homepage"] = u.Project(p),
        ["url"] = $"git@{new Uri(u.Origin).Host}:{p.FullName}.git",
    };

    public static JsonObject Repository(GitLabUrls u, SimRepo p) => new()
    {
        ["name"] = p.Name,
        ["url"] = $"git@{new Uri(u.Origin).Host}:{p.FullName}.git",
        ["description"] = p.Description,
        ["homepage"] = u.Project(p),
    };

    public static JsonObject Commit(GitLabUrls u, SimRepo repo, SimCommit c, SimStore store)
    {
        var author = store.User(c.AuthorId);
        return new JsonObject
        {
            ["id"] = c.Sha,
            ["message"] = c.Message,
            ["title"] = c.Message.Split('\n')[0],
            ["timestamp"] = c.Timestamp.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["url"] = $"{u.Project(repo)}/-/commit/{c.Sha}",
            ["author"] = new JsonObject { ["name"] = author.Name, ["email"] = author.Email },
        };
    }

    public static JsonObject MergeRequest(GitLabUrls u, SimRepo repo, SimPull p, SimStore store)
    {
        var last = repo.Commits.LastOrDefault(c => c.Sha == p.HeadSha);
        return new JsonObject
        {
            ["id"] = p.Id,
            ["iid"] = p.Number,
            ["target_branch"] = p.TargetBranch,
            ["source_branch"] = p.SourceBranch,
            ["source_project_id"] = repo.Id,
            ["target_project_id"] = repo.Id,
            ["author_id"] = p.AuthorId,
            ["title"] = p.Title,
            ["created_at"] = GitLabHookTime(p.CreatedAt),
            ["updated_at"] = GitLabHookTime(p.UpdatedAt),
            ["state"] = GitLabActivityJson.MrState(p),
            ["state_id"] = p.State switch { "open" => 1, "closed" => 2, _ => 3 },
            ["merge_status"] = "can_be_merged",
            ["detailed_merge_status"] = p.IsOpen ? "mergeable" : "not_open",
            ["description"] = p.Body,
            ["url"] = $"{u.Project(repo)}/-/merge_requests/{p.Number}",
            ["source"] = Project(u, repo),
            ["target"] = Project(u, repo),
            ["last_commit"] = last is null ? null : Commit(u, repo, last, store),
            ["work_in_progress"] = false,
            ["blocking_discussions_resolved"] = true,
            ["first_contribution"] = false,
            ["assignee_ids"] = new JsonArray(),
            ["reviewer_ids"] = new JsonArray(),
            ["labels"] = new JsonArray(),
            ["milestone_id"] = null,
        };
    }

    /// <summary>
    /// What the update changed, <c>{previous, current}</c> per attribute.
    /// https://docs.gitlab.com/user/project/integrations/webhook_events/#merge-request-events
    /// </summary>
    public static JsonObject MergeRequestChanges(SimEvent e)
    {
        var p = e.Pull!;
        var changes = new JsonObject();
        if (e.Kind is SimEventKind.PullUpdated or SimEventKind.PullEdited)
        {
            changes["updated_at"] = new JsonObject { ["previous"] = GitLabHookTime(e.At.AddSeconds(-1)), ["current"] = GitLabHookTime(p.UpdatedAt) };
        }

        if (e.PreviousTitle is not null && e.PreviousTitle != p.Title) changes["title"] = new JsonObject { ["previous"] = e.PreviousTitle, ["current"] = p.Title };
        if (e.PreviousBody is not null && e.PreviousBody != p.Body) changes["description"] = new JsonObject { ["previous"] = e.PreviousBody, ["current"] = p.Body };
        return changes;
    }
}
