using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>GitLab REST objects for polling: merge requests, notes, pipelines, commits, branches, events, statuses.</summary>
internal static class GitLabActivityJson
{
    /// <summary>GitLab's MR states: opened, closed, merged.</summary>
    public static string MrState(SimPull p) => p.State switch { "open" => "opened", var s => s };

    /// <summary>GitLab's pipeline statuses for a conclusion: success, failed, canceled.</summary>
    public static string PipelineStatus(SimRun r) => r.Conclusion switch { "failure" => "failed", "cancelled" => "canceled", "success" => "success", _ => "running" };

    public static JsonObject MergeRequest(GitLabUrls u, SimRepo repo, SimPull p, SimStore store) => new()
    {
        ["id"] = p.Id,
        ["iid"] = p.Number,
        ["project_id"] = repo.Id,
        ["title"] = p.Title,
        ["description"] = p.Body,
        ["state"] = MrState(p),
        ["created_at"] = IsoMs(p.CreatedAt),
        ["updated_at"] = IsoMs(p.UpdatedAt),
        ["merged_at"] = p.MergedAt is { } m ? IsoMs(m) : null,
        ["closed_at"] = p.State == "closed" && p.ClosedAt is { } c ? IsoMs(c) : null,
        ["target_branch"] = p.TargetBranch,
        ["source_branch"] = p.SourceBranch,
        ["author"] = GitLabJson.User(u, store.User(p.AuthorId)),
        ["source_project_id"] = repo.Id,
        ["target_project_id"] = repo.Id,
        ["draft"] = false,
        ["work_in_progress"] = false,
        ["merge_status"] = "can_be_merged",
        ["detailed_merge_status"] = p.IsOpen ? "mergeable" : "not_open",
        ["sha"] = p.HeadSha,
        ["merge_commit_sha"] = p.MergeSha,
        ["user_notes_count"] = repo.Comments.Count(x => x.OnPull && x.TargetNumber == p.Number),
        ["references"] = new JsonObject { ["short"] = $"!{p.Number}", ["full"] = $"{repo.FullName}!{p.Number}" },
        ["web_url"] = $"{u.Project(repo)}/-/merge_requests/{p.Number}",
    };

    public static JsonObject Note(GitLabUrls u, SimRepo repo, SimComment c, SimStore store) => new()
    {
        ["id"] = c.Id,
        ["type"] = null,
        ["body"] = c.Body,
        ["attachment"] = null,
        ["author"] = GitLabJson.User(u, store.User(c.AuthorId)),
        ["created_at"] = IsoMs(c.CreatedAt),
        ["updated_at"] = IsoMs(c.CreatedAt),
        ["system"] = false,
        ["noteable_id"] = NoteableId(repo, c),
        ["noteable_type"] = c.OnPull ? "MergeRequest" : "Issue",
        ["noteable_iid"] = c.TargetNumber,
        ["project_id"] = repo.Id,
        ["resolvable"] = false,
        ["confidential"] = false,
        ["internal"] = false,
    };

    public static long NoteableId(SimRepo repo, SimComment c) => c.OnPull
        ? repo.Pulls.FirstOrDefault(p => p.Number == c.TargetNumber)?.Id ?? 0
        : repo.Issues.FirstOrDefault(i => i.Number == c.TargetNumber)?.Id ?? 0;

    public static JsonObject Pipeline(GitLabUrls u, SimRepo repo, SimRun r) => new()
    {
        ["id"] = r.Id,
        ["iid"] = r.Number,
        ["project_id"] = repo.Id,
        ["sha"] = r.Sha,
        ["ref"] = r.Branch,
        ["status"] = PipelineStatus(r),
        ["source"] = "push",
        ["name"] = r.Name,
        ["created_at"] = IsoMs(r.CreatedAt),
        ["updated_at"] = IsoMs(r.UpdatedAt),
        ["web_url"] = $"{u.Project(repo)}/-/pipelines/{r.Id}",
    };

    public static JsonObject Commit(GitLabUrls u, SimRepo repo, SimCommit c, SimStore store)
    {
        var author = store.User(c.AuthorId);
        return new JsonObject
        {
            ["id"] = c.Sha,
            ["short_id"] = c.Sha[..8],
            ["title"] = c.Message.Split('\n')[0],
            ["message"] = c.Message,
            ["author_name"] = author.Name,
            ["author_email"] = author.Email,
            ["authored_date"] = IsoMs(c.Timestamp),
            ["committer_name"] = author.Name,
            ["committer_email"] = author.Email,
            ["committed_date"] = IsoMs(c.Timestamp),
            ["created_at"] = IsoMs(c.Timestamp),
            ["parent_ids"] = c.ParentSha is null ? new JsonArray() : new JsonArray(c.ParentSha),
            ["web_url"] = $"{u.Project(repo)}/-/commit/{c.Sha}",
        };
    }

    public static JsonObject Branch(GitLabUrls u, SimRepo repo, string name, string sha, SimStore store)
    {
        var commit = repo.Commits.LastOrDefault(c => c.Sha == sha);
        return new JsonObject
        {
            ["name"] = name,
            ["merged"] = false,
            ["protected"] = name == repo.DefaultBranch,
            ["default"] = name == repo.DefaultBranch,
            ["commit"] = commit is null ? new JsonObject { ["id"] = sha } : Commit(u, repo, commit, store),
            ["web_url"] = $"{u.Project(repo)}/-/tree/{name}",
        };
    }

    public static JsonObject Status(GitLabUrls u, SimRepo repo, SimStatus s, SimStore store) => new()
    {
        ["id"] = s.Id,
        ["sha"] = s.Sha,
        ["ref"] = repo.Branches.FirstOrDefault(b => b.Value == s.Sha).Key ?? "",
        ["status"] = s.ProviderState ?? s.State switch { "failure" or "error" => "failed", var x => x },
        ["name"] = s.Context,
        ["description"] = s.Description ?? "",
        ["target_url"] = s.TargetUrl,
        ["created_at"] = IsoMs(s.CreatedAt),
        ["started_at"] = null,
        ["finished_at"] = null,
        ["allow_failure"] = false,
        ["author"] = GitLabJson.User(u, store.User(s.CreatorId)),
    };

    /// <summary>An item of <c>GET /projects/{id}/events</c>. https://docs.gitlab.com/api/events/</summary>
    public static JsonObject? Event(GitLabUrls u, SimEvent e, SimStore store)
    {
        var o = new JsonObject { ["id"] = e.Id, ["project_id"] = e.Repo.Id };
        switch (e.Kind)
        {
            case SimEventKind.Push:
                o["action_name"] = e.Created ? "pushed new" : "pushed to";
                o["target_id"] = null; o["target_iid"] = null; o["target_type"] = null; o["target_title"] = null;
                o["push_data"] = new JsonObject
                {
                    ["commit_count"] = e.Commits.Count, ["action"] = e.Created ? "created" : "pushed", ["ref_type"] = "branch",
                    ["commit_from"] = e.Created ? null : e.Before, ["commit_to"] = e.After, ["ref"] = e.Branch,
                    ["commit_title"] = e.Commits.LastOrDefault()?.Message ?? "",
                };
                break;
            case SimEventKind.PullOpened or SimEventKind.PullUpdated or SimEventKind.PullEdited or SimEventKind.PullMerged or SimEventKind.PullClosed:
                o["action_name"] = e.Kind switch { SimEventKind.PullOpened => "opened", SimEventKind.PullMerged => "accepted", SimEventKind.PullClosed => "closed", _ => "updated" };
                o["target_id"] = e.Pull!.Id; o["target_iid"] = e.Pull.Number; o["target_type"] = "MergeRequest"; o["target_title"] = e.Pull.Title;
                break;
            case SimEventKind.IssueOpened or SimEventKind.IssueClosed:
                o["action_name"] = e.Kind == SimEventKind.IssueOpened ? "opened" : "closed";
                o["target_id"] = e.Issue!.Id; o["target_iid"] = e.Issue.Number; o["target_type"] = "Issue"; o["target_title"] = e.Issue.Title;
                break;
            case SimEventKind.PullComment or SimEventKind.IssueComment:
                o["action_name"] = "commented on";
                o["target_id"] = e.Comment!.Id; o["target_iid"] = e.Comment.Id; o["target_type"] = "Note";
                o["target_title"] = e.Pull?.Title ?? e.Issue?.Title;
                o["note"] = new JsonObject
                {
                    ["id"] = e.Comment.Id, ["body"] = e.Comment.Body, ["attachment"] = null, ["created_at"] = IsoMs(e.Comment.CreatedAt),
                    ["system"] = false, ["noteable_id"] = NoteableId(e.Repo, e.Comment), ["noteable_type"] = e.Comment.OnPull ? "MergeRequest" : "Issue",
                    ["noteable_iid"] = e.Comment.TargetNumber, ["author"] = GitLabJson.User(u, e.Actor),
                };
                break;
            default:
                return null;
        }

        o["title"] = null;
        o["created_at"] = IsoMs(e.At);
        o["author"] = GitLabJson.User(u, e.Actor);
        o["author_id"] = e.Actor.Id;
        o["author_username"] = e.Actor.Login;
        return o;
    }
}
