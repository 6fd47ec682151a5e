using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.GitLab.GitLabHookTimes;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>
/// GitLab webhook deliveries: the secret token in clear in <c>X-Gitlab-Token</c>, <c>Idempotency-Key</c> stable across
/// retries (the dedupe key), a new <c>X-Gitlab-Webhook-UUID</c> per request (added per attempt by the policy).
/// https://docs.gitlab.com/user/project/integrations/webhooks/#delivery-headers
/// </summary>
internal sealed class GitLabWebhookFormatter(SimStore store) : IWebhookFormatter
{
    public ProviderId Provider => GitLabProvider.Id;

    public DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId)
    {
        var u = new GitLabUrls(e.Origin);
        var (flag, name, body) = e.Kind switch
        {
            SimEventKind.Push => ("push_events", "Push Hook", Push(u, e)),
            SimEventKind.PullOpened or SimEventKind.PullUpdated or SimEventKind.PullEdited or SimEventKind.PullMerged or SimEventKind.PullClosed =>
                ("merge_requests_events", "Merge Request Hook", MergeRequest(u, e)),
            SimEventKind.PullComment or SimEventKind.IssueComment => ("note_events", "Note Hook", Note(u, e)),
            SimEventKind.IssueOpened or SimEventKind.IssueClosed => ("issues_events", "Issue Hook", Issue(u, e)),
            SimEventKind.RunCompleted => ("pipeline_events", "Pipeline Hook", Pipeline(u, e)),
            _ => (null, null, (JsonObject?)null),
        };
        if (flag is null || body is null || !hook.Listens(flag)) return null;
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "GitLab/17.5.0",
            ["X-Gitlab-Event"] = name!,
            ["X-Gitlab-Instance"] = u.Web,
            ["X-Gitlab-Event-UUID"] = EventUuid(e),
            ["Idempotency-Key"] = deliveryId.ToString(),
        };
        if (!string.IsNullOrEmpty(hook.Secret)) headers["X-Gitlab-Token"] = hook.Secret;
        return new DeliveryMessage(name!, (string?)body["object_attributes"]?["action"], Encoding.UTF8.GetBytes(body.ToJsonString()), headers);
    }

    /// <summary>Shared by every hook that hears the same event.</summary>
    private static string EventUuid(SimEvent e) => new Guid((int)(e.Id >> 32), (short)(e.Id >> 16), (short)e.Id, 0x5a, 0x1b, 0, 0, 0, 0, 0, (byte)e.Repo.Id).ToString();

    private JsonObject Push(GitLabUrls u, SimEvent e) => new()
    {
        ["object_kind"] = "push",
        ["event_name"] = "push",
        ["before"] = e.Before,
        ["after"] = e.After,
        ["ref"] = e.Ref,
        ["checkout_sha"] = e.After,
        ["user_id"] = e.Actor.Id,
        ["user_name"] = e.Actor.Name,
        ["user_username"] = e.Actor.Login,
        ["user_email"] = e.Actor.Email,
        ["user_avatar"] = $"{u.Web}/uploads/-/system/user/avatar/{e.Actor.Id}/avatar.png",
        ["project_id"] = e.Repo.Id,
        ["project"] = GitLabHookBodies.Project(u, e.Repo),
        ["commits"] = Array(e.Commits.Select(c =>
        {
            var o = GitLabHookBodies.Commit(u, e.Repo, c, store);
            o["added"] = Strings(c.Added);
            o["modified"] = Strings(c.Modified);
            o["removed"] = new JsonArray();
            return (JsonNode?)o;
        })),
        ["total_commits_count"] = e.Commits.Count,
        ["repository"] = Repository(u, e.Repo),
    };

    private JsonObject MergeRequest(GitLabUrls u, SimEvent e)
    {
        var attrs = GitLabHookBodies.MergeRequest(u, e.Repo, e.Pull!, store);
        attrs.Remove("labels");
        attrs["action"] = e.Kind switch { SimEventKind.PullOpened => "open", SimEventKind.PullMerged => "merge", SimEventKind.PullClosed => "close", _ => "update" };
        // New commits on the source branch: "update" with the previous head in oldrev (see merge_request_hook.service.json).
        if (e.Kind == SimEventKind.PullUpdated) attrs["oldrev"] = e.Before;
        return new JsonObject
        {
            ["object_kind"] = "merge_request",
            ["event_type"] = "merge_request",
            ["user"] = GitLabHookBodies.User(u, e.Actor),
            ["project"] = GitLabHookBodies.Project(u, e.Repo),
            ["object_attributes"] = attrs,
            ["labels"] = new JsonArray(),
            ["changes"] = GitLabHookBodies.MergeRequestChanges(e),
            ["repository"] = GitLabHookBodies.Repository(u, e.Repo),
        };
    }

    private JsonObject Note(GitLabUrls u, SimEvent e)
    {
        var c = e.Comment!;
        var o = new JsonObject
        {
            ["object_kind"] = "note",
            ["event_type"] = "note",
            ["user"] = GitLabHookBodies.User(u, e.Actor),
            ["project_id"] = e.Repo.Id,
            ["project"] = GitLabHookBodies.Project(u, e.Repo),
            ["object_attributes"] = new JsonObject
            {
                ["id"] = c.Id, ["note"] = c.Body, ["noteable_type"] = c.OnPull ? "MergeRequest" : "Issue", ["author_id"] = c.AuthorId,
                ["created_at"] = GitLabHookTime(c.CreatedAt), ["updated_at"] = GitLabHookTime(c.CreatedAt), ["project_id"] = e.Repo.Id,
                ["attachment"] = null, ["line_code"] = null, ["commit_id"] = "", ["noteable_id"] = GitLabActivityJson.NoteableId(e.Repo, c),
                ["system"] = false, ["st_diff"] = null, ["action"] = "create",
                ["url"] = $"{u.Project(e.Repo)}/-/{(c.OnPull ? "merge_requests" : "issues")}/{c.TargetNumber}#note_{c.Id}",
            },
            ["repository"] = GitLabHookBodies.Repository(u, e.Repo),
        };
        if (e.Pull is not null)
        {
            // The note hook's merge_request is the older, leaner object (see note_hook.merge_request.json).
            var mr = GitLabHookBodies.MergeRequest(u, e.Repo, e.Pull, store);
            foreach (var key in (string[])["state_id", "url", "blocking_discussions_resolved", "first_contribution", "assignee_ids", "reviewer_ids"]) mr.Remove(key);
            (mr["source"] as JsonObject)?.Remove("id");
            (mr["target"] as JsonObject)?.Remove("id");
            o["merge_request"] = mr;
        }

        if (e.Issue is not null) o["issue"] = Without(IssueAttributes(u, e.Repo, e.Issue), "state_id", "confidential", "url");
        return o;
    }

    private static JsonObject Issue(GitLabUrls u, SimEvent e)
    {
        var attrs = IssueAttributes(u, e.Repo, e.Issue!);
        attrs["action"] = e.Kind == SimEventKind.IssueOpened ? "open" : "close";
        return new JsonObject
        {
            ["object_kind"] = "issue",
            ["event_type"] = "issue",
            ["user"] = GitLabHookBodies.User(u, e.Actor),
            ["project"] = GitLabHookBodies.Project(u, e.Repo),
            ["object_attributes"] = attrs,
            ["labels"] = new JsonArray(),
            ["repository"] = GitLabHookBodies.Repository(u, e.Repo),
        };
    }

    private static JsonObject IssueAttributes(GitLabUrls u, SimRepo repo, SimIssue i) => new()
    {
        ["id"] = i.Id, ["iid"] = i.Number, ["title"] = i.Title, ["description"] = i.Body, ["author_id"] = i.AuthorId, ["project_id"] = repo.Id,
        ["created_at"] = GitLabHookTime(i.CreatedAt), ["updated_at"] = GitLabHookTime(i.UpdatedAt),
        ["state"] = i.State == "open" ? "opened" : "closed", ["state_id"] = i.State == "open" ? 1 : 2, ["confidential"] = false,
        ["url"] = $"{u.Project(repo)}/-/issues/{i.Number}", ["milestone_id"] = null, ["assignee_ids"] = new JsonArray(),
    };

    private JsonObject Pipeline(GitLabUrls u, SimEvent e)
    {
        var r = e.Run!;
        var commit = e.Repo.Commits.LastOrDefault(c => c.Sha == r.Sha);
        return new JsonObject
        {
            ["object_kind"] = "pipeline",
            ["object_attributes"] = new JsonObject
            {
                ["id"] = r.Id, ["iid"] = r.Number, ["ref"] = r.Branch, ["tag"] = false, ["sha"] = r.Sha, ["before_sha"] = commit?.ParentSha ?? WorldActions.ZeroSha,
                ["source"] = "push", ["status"] = GitLabActivityJson.PipelineStatus(r), ["detailed_status"] = GitLabActivityJson.PipelineStatus(r),
                ["stages"] = new JsonArray("test"), ["created_at"] = GitLabHookTime(r.CreatedAt), ["finished_at"] = GitLabHookTime(r.UpdatedAt),
                ["duration"] = (int)(r.UpdatedAt - r.CreatedAt).TotalSeconds, ["queued_duration"] = 1, ["variables"] = new JsonArray(),
            },
            ["merge_request"] = null,
            ["user"] = GitLabHookBodies.User(u, e.Actor),
            ["project"] = Without(GitLabHookBodies.Project(u, e.Repo), "homepage", "url"),
            ["commit"] = commit is null ? null : Without(GitLabHookBodies.Commit(u, e.Repo, commit, store), "title"),
            ["builds"] = new JsonArray(),
        };
    }

    private static JsonObject Without(JsonObject o, params string[] keys)
    {
        foreach (var key in keys) o.Remove(key);
        return o;
    }

    private static JsonObject Repository(GitLabUrls u, SimRepo p)
    {
        var o = GitLabHookBodies.Repository(u, p);
        o["git_http_url"] = u.Project(p) + ".git";
        o["git_ssh_url"] = $"git@{new Uri(u.Origin).Host}:{p.FullName}.git";
        o["visibility_level"] = p.Private ? 0 : 20;
        return o;
    }
}
