using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.BitbucketCloud.BitbucketCloudJson;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>
/// Bitbucket Cloud deliveries: <c>X-Event-Key</c>, <c>X-Hook-UUID</c>, <c>X-Request-UUID</c> (stable across retries),
/// <c>X-Attempt-Number</c> (per attempt), <c>X-Hub-Signature: sha256=...</c> when the hook has a secret. Pipelines
/// report through commit statuses, so a finished run is <c>repo:commit_status_updated</c>.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/
/// </summary>
internal sealed class BitbucketCloudWebhookFormatter(SimStore store) : IWebhookFormatter
{
    public ProviderId Provider => BitbucketCloudProvider.Id;

    public DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId)
    {
        var u = new BitbucketCloudUrls(e.Origin);
        var (key, body) = e.Kind switch
        {
            SimEventKind.Push => ("repo:push", new JsonObject { ["push"] = Push(u, e) }),
            SimEventKind.PullOpened => ("pullrequest:created", PullBody(u, e)),
            SimEventKind.PullUpdated or SimEventKind.PullEdited => ("pullrequest:updated", PullBody(u, e)),
            SimEventKind.PullMerged => ("pullrequest:fulfilled", PullBody(u, e)),
            SimEventKind.PullClosed => ("pullrequest:rejected", PullBody(u, e)),
            SimEventKind.PullComment => ("pullrequest:comment_created", Comment(u, e)),
            SimEventKind.IssueComment => ("issue:comment_created", new JsonObject
            {
                ["issue"] = BitbucketCloudWriteJson.Issue(u, e.Repo, e.Issue!), ["comment"] = BitbucketCloudWriteJson.IssueComment(u, e.Repo, e.Comment!, store),
            }),
            SimEventKind.StatusSet => ("repo:commit_status_created", new JsonObject
            {
                ["commit_status"] = BitbucketCloudActivityJson.Status(u, e.Repo, e.Status!.Sha, e.Status.Context, e.Status.Context,
                    e.Status.ProviderState ?? BitbucketCloudActivityJson.StatusState(e.Status.State), e.Status.Description, e.Status.TargetUrl, e.Status.CreatedAt),
            }),
            SimEventKind.RunCompleted => ("repo:commit_status_updated", new JsonObject { ["commit_status"] = BitbucketCloudActivityJson.RunStatus(u, e.Repo, e.Run!) }),
            _ => (null, (JsonObject?)null),
        };
        if (key is null || body is null || !hook.Listens(key)) return null;
        var ordered = new JsonObject { ["actor"] = Account(u, e.Actor), ["repository"] = RepoRef(u, e.Repo) };
        foreach (var (k, v) in body.ToArray())
        {
            body.Remove(k);
            ordered[k] = v;
        }

        var bytes = Encoding.UTF8.GetBytes(ordered.ToJsonString());
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "Bitbucket-Webhooks/2.0",
            ["X-Event-Key"] = key,
            ["X-Hook-UUID"] = hook.Uuid.ToString(),
            ["X-Request-UUID"] = deliveryId.ToString(),
        };
        if (!string.IsNullOrEmpty(hook.Secret)) headers["X-Hub-Signature"] = Hmac.Sha256Header(hook.Secret, bytes);
        return new DeliveryMessage(key, null, bytes, headers);
    }

    private JsonObject PullBody(BitbucketCloudUrls u, SimEvent e) => new() { ["pullrequest"] = BitbucketCloudActivityJson.Pull(u, e.Repo, e.Pull!, store) };

    private JsonObject Comment(BitbucketCloudUrls u, SimEvent e)
    {
        var comment = BitbucketCloudActivityJson.Comment(u, e.Repo, e.Comment!, store);
        return new JsonObject { ["comment"] = comment, ["pullrequest"] = BitbucketCloudActivityJson.Pull(u, e.Repo, e.Pull!, store) };
    }

    /// <summary>
    /// Commits inside repo:push name their author as an account, and only the branch tip carries date and parents
    /// (see repo_push.json); the REST commits API uses the newer <c>{raw, user}</c> author.
    /// </summary>
    private JsonObject PushCommit(BitbucketCloudUrls u, SimRepo r, World.SimCommit c, bool withHistory)
    {
        var o = new JsonObject
        {
            ["type"] = "commit",
            ["hash"] = c.Sha,
            ["author"] = Account(u, store.User(c.AuthorId)),
            ["message"] = c.Message + "\n",
            ["links"] = Links(("self", $"{u.Repo(r)}/commit/{c.Sha}"), ("html", $"{u.RepoHtml(r)}/commits/{c.Sha}")),
        };
        if (withHistory)
        {
            var full = BitbucketCloudActivityJson.Commit(u, r, c, store);
            o["date"] = full["date"]!.DeepClone();
            o["parents"] = full["parents"]!.DeepClone();
        }

        return o;
    }

    private JsonObject Push(BitbucketCloudUrls u, SimEvent e)
    {
        var branch = e.Branch!;
        JsonObject? Ref(string? sha)
        {
            var commit = sha is null ? null : e.Repo.Commits.LastOrDefault(c => c.Sha == sha);
            return commit is null ? null : new JsonObject
            {
                ["type"] = "branch",
                ["name"] = branch,
                ["target"] = PushCommit(u, e.Repo, commit, withHistory: true),
                ["links"] = Links(("self", $"{u.Repo(e.Repo)}/refs/branches/{branch}"), ("commits", $"{u.Repo(e.Repo)}/commits/{branch}"),
                    ("html", $"{u.RepoHtml(e.Repo)}/branch/{branch}")),
            };
        }

        var change = new JsonObject
        {
            ["new"] = Ref(e.After),
            ["old"] = e.Created ? null : Ref(e.Before),
            ["created"] = e.Created,
            ["closed"] = false,
            ["forced"] = false,
            ["truncated"] = false,
            ["commits"] = new JsonArray(e.Commits.Reverse().Select(c => (JsonNode?)PushCommit(u, e.Repo, c, withHistory: false)).ToArray()),
            ["links"] = Links(("html", $"{u.RepoHtml(e.Repo)}/branches/compare/{e.After}..{e.Before}"),
                ("diff", $"{u.Repo(e.Repo)}/diff/{e.After}..{e.Before}"), ("commits", $"{u.Repo(e.Repo)}/commits?include={e.After}&exclude={e.Before}")),
        };
        return new JsonObject { ["changes"] = new JsonArray(change) };
    }
}
