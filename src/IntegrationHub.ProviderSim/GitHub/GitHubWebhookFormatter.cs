using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// GitHub webhook deliveries: the event name goes in <c>X-GitHub-Event</c>, the action in the body.
/// https://docs.github.com/webhooks/webhook-events-and-payloads
/// </summary>
internal sealed class GitHubWebhookFormatter(SimStore store, GitHubAppStore apps) : IWebhookFormatter
{
    public ProviderId Provider => GitHubProvider.Id;

    public DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId)
    {
        var u = new GitHubUrls(e.Origin);
        var (name, action, body) = e.Kind switch
        {
            SimEventKind.Push => ("push", null, Push(u, e)),
            SimEventKind.BranchCreated => ("create", null, new JsonObject
            {
                ["ref"] = e.Branch, ["ref_type"] = "branch", ["master_branch"] = e.Repo.DefaultBranch,
                ["description"] = e.Repo.Description, ["pusher_type"] = "user",
            }),
            SimEventKind.PullOpened or SimEventKind.PullUpdated or SimEventKind.PullEdited or SimEventKind.PullMerged or SimEventKind.PullClosed =>
                ("pull_request", PullAction(e.Kind), PullBody(u, e)),
            SimEventKind.PullComment or SimEventKind.IssueComment => ("issue_comment", "created", new JsonObject
            {
                ["issue"] = e.Pull is not null ? GitHubPullJson.IssueOfPull(u, e.Repo, e.Pull, store) : GitHubPullJson.Issue(u, e.Repo, e.Issue!, store),
                ["comment"] = GitHubPullJson.Comment(u, e.Repo, e.Comment!, store),
            }),
            SimEventKind.IssueOpened or SimEventKind.IssueClosed => ("issues", e.Kind == SimEventKind.IssueOpened ? "opened" : "closed",
                new JsonObject { ["issue"] = GitHubPullJson.Issue(u, e.Repo, e.Issue!, store) }),
            // https://docs.github.com/webhooks/webhook-events-and-payloads#workflow_run: requested, in_progress, completed.
            SimEventKind.RunStarted or SimEventKind.RunCompleted => ("workflow_run", e.Run!.Status switch { "queued" => "requested", "in_progress" => "in_progress", _ => "completed" }, new JsonObject
            {
                ["workflow_run"] = GitHubCiJson.Run(u, e.Repo, e.Run!, store), ["workflow"] = GitHubCiJson.Workflow(u, e.Repo, e.Run!),
            }),
            SimEventKind.StatusSet => ("status", null, Status(u, e)),
            _ => (null, null, (JsonObject?)null),
        };
        if (name is null || body is null || !hook.Listens(name)) return null;
        // An app's webhook hears the repository through an installation, and says which one.
        var app = apps.AppOfHook(hook.Id);
        var installation = app is null ? null : apps.InstallationFor(app.Id, e.Repo);
        if (app is not null && installation is null) return null;
        return Message(u, e.Repo, hook, name, action, body, deliveryId, e.Kind == SimEventKind.Push, e.Actor, installation);
    }

    /// <summary>The ping GitHub sends when a hook is created. https://docs.github.com/webhooks/webhook-events-and-payloads#ping</summary>
    public DeliveryMessage Ping(string origin, SimRepo repo, SimHook hook, SimUser sender, Guid deliveryId)
    {
        var u = new GitHubUrls(origin);
        var body = new JsonObject
        {
            ["zen"] = "Design for failure.",
            ["hook_id"] = hook.Id,
            ["hook"] = GitHubHookJson.Hook(u, repo, hook),
        };
        return Message(u, repo, hook, "ping", null, body, deliveryId, false, sender);
    }

    public static string PullAction(SimEventKind kind) => kind switch
    {
        SimEventKind.PullOpened => "opened",
        SimEventKind.PullUpdated => "synchronize",
        SimEventKind.PullEdited => "edited",
        _ => "closed",
    };

    private DeliveryMessage Message(GitHubUrls u, SimRepo repo, SimHook hook, string name, string? action, JsonObject body,
        Guid deliveryId, bool unixTimes, SimUser sender, GitHubAppInstallation? installation = null)
    {
        var ordered = new JsonObject();
        if (action is not null) ordered["action"] = action;
        foreach (var (k, v) in body.ToArray())
        {
            body.Remove(k);
            ordered[k] = v;
        }

        ordered["repository"] = GitHubRepoJson.Webhook(u, repo, store, unixTimes);
        var owner = GitHubUserJson.Owner(u, repo, store);
        if ((string?)owner["type"] == "Organization") ordered["organization"] = GitHubUserJson.Organization(u, repo.Owner);
        ordered["sender"] = GitHubUserJson.User(u, sender);
        if (installation is not null) ordered["installation"] = GitHubAppJson.InstallationRef(installation);
        return installation is null
            ? Sign(u, hook, name, action, ordered, deliveryId, "repository", repo.Id)
            : Sign(u, hook, name, action, ordered, deliveryId, "integration", installation.AppId);
    }

    /// <summary>
    /// The delivery of a finished body: its bytes (JSON, or form-encoded <c>payload=</c>) and GitHub's headers, signed
    /// with the hook's secret. An app's webhook names the app as its target (<c>integration</c> and the app id).
    /// https://docs.github.com/webhooks/webhook-events-and-payloads#delivery-headers
    /// </summary>
    public static DeliveryMessage Sign(GitHubUrls u, SimHook hook, string name, string? action, JsonObject ordered, Guid deliveryId,
        string targetType, long targetId)
    {
        var json = ordered.ToJsonString();
        var bytes = hook.ContentType == "form"
            ? Encoding.UTF8.GetBytes("payload=" + Uri.EscapeDataString(json))
            : Encoding.UTF8.GetBytes(json);
        var headers = new Dictionary<string, string>
        {
            ["User-Agent"] = "GitHub-Hookshot/sim",
            ["Content-Type"] = hook.ContentType == "form" ? "application/x-www-form-urlencoded" : "application/json",
            ["X-GitHub-Event"] = name,
            ["X-GitHub-Delivery"] = deliveryId.ToString(),
            ["X-GitHub-Hook-ID"] = hook.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-GitHub-Hook-Installation-Target-Type"] = targetType,
            ["X-GitHub-Hook-Installation-Target-ID"] = targetId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-GitHub-Enterprise-Version"] = "3.14.0",
            ["X-GitHub-Enterprise-Host"] = new Uri(u.Origin).Authority,
        };
        if (!string.IsNullOrEmpty(hook.Secret))
        {
            headers["X-Hub-Signature"] = Hmac.Sha1Header(hook.Secret, bytes);
            headers["X-Hub-Signature-256"] = Hmac.Sha256Header(hook.Secret, bytes);
        }

        return new DeliveryMessage(name, action, bytes, headers);
    }

    /// <summary>
    /// <c>synchronize</c> carries the old and new head in <c>before</c>/<c>after</c>; <c>edited</c> carries what changed
    /// in <c>changes</c>. https://docs.github.com/webhooks/webhook-events-and-payloads?actionType=edited#pull_request
    /// </summary>
    private JsonObject PullBody(GitHubUrls u, SimEvent e)
    {
        var o = new JsonObject { ["number"] = e.Pull!.Number, ["pull_request"] = GitHubPullJson.Pull(u, e.Repo, e.Pull, store) };
        if (e.Kind == SimEventKind.PullUpdated)
        {
            o["before"] = e.Before;
            o["after"] = e.After;
        }

        if (e.Kind == SimEventKind.PullEdited)
        {
            var changes = new JsonObject();
            if (e.PreviousTitle is not null && e.PreviousTitle != e.Pull.Title) changes["title"] = new JsonObject { ["from"] = e.PreviousTitle };
            if (e.PreviousBody is not null && e.PreviousBody != e.Pull.Body) changes["body"] = new JsonObject { ["from"] = e.PreviousBody };
            o["changes"] = changes;
        }

        return o;
    }

    private JsonObject Push(GitHubUrls u, SimEvent e)
    {
        var commits = e.Commits.Select(c => (JsonNode?)PushCommit(u, e.Repo, c, e.Branch)).ToArray();
        return new JsonObject
        {
            ["ref"] = e.Ref,
            ["before"] = e.Before,
            ["after"] = e.After,
            ["created"] = e.Created,
            ["deleted"] = false,
            ["forced"] = false,
            ["base_ref"] = null,
            ["compare"] = $"{u.RepoHtml(e.Repo)}/compare/{e.Before![..12]}...{e.After![..12]}",
            ["commits"] = new JsonArray(commits),
            ["head_commit"] = commits.Length == 0 ? null : commits[^1]!.DeepClone(),
            ["pusher"] = new JsonObject { ["name"] = e.Actor.Login, ["email"] = e.Actor.Email },
        };
    }

    private JsonObject PushCommit(GitHubUrls u, SimRepo repo, SimCommit c, string? branch)
    {
        var author = store.User(c.AuthorId);
        var person = new JsonObject { ["name"] = author.Name, ["email"] = author.Email, ["username"] = author.Login };
        return new JsonObject
        {
            ["id"] = c.Sha,
            ["tree_id"] = c.Sha,
            // A commit first pushed to another branch (a merged pull request's own commits) is not distinct here.
            ["distinct"] = c.Branch == branch,
            ["message"] = c.Message,
            ["timestamp"] = c.Timestamp.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["url"] = $"{u.RepoHtml(repo)}/commit/{c.Sha}",
            ["author"] = person,
            ["committer"] = person.DeepClone(),
            ["added"] = Strings(c.Added),
            ["removed"] = new JsonArray(),
            ["modified"] = Strings(c.Modified),
        };
    }

    private JsonObject Status(GitHubUrls u, SimEvent e)
    {
        var s = e.Status!;
        var commit = e.Repo.Commits.LastOrDefault(c => c.Sha == s.Sha);
        return new JsonObject
        {
            ["id"] = s.Id,
            ["sha"] = s.Sha,
            ["name"] = e.Repo.FullName,
            ["target_url"] = s.TargetUrl,
            ["avatar_url"] = $"{u.Web}/avatars/u/{s.CreatorId}?v=4",
            ["context"] = s.Context,
            ["description"] = s.Description,
            ["state"] = s.State,
            ["commit"] = commit is null ? null : GitHubCiJson.Commit(u, e.Repo, commit, store),
            ["branches"] = Array(e.Repo.Branches.Where(b => b.Value == s.Sha).Select(b => (JsonNode?)GitHubCiJson.Branch(u, e.Repo, b.Key, b.Value))),
            ["created_at"] = Iso(s.CreatedAt),
            ["updated_at"] = Iso(s.CreatedAt),
        };
    }
}
