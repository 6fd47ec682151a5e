using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Items of <c>GET /repos/{o}/{r}/events</c>; events with no feed type (workflow runs, statuses) are left out,
/// as on GitHub. https://docs.github.com/rest/using-the-rest-api/github-event-types
/// </summary>
internal static class GitHubEventFeedJson
{
    public static JsonObject? Item(GitHubUrls u, SimEvent e, SimStore store)
    {
        var (type, payload) = e.Kind switch
        {
            SimEventKind.Push => ("PushEvent", new JsonObject
            {
                ["repository_id"] = e.Repo.Id,
                ["push_id"] = e.Id,
                ["size"] = e.Commits.Count,
                ["distinct_size"] = e.Commits.Count,
                ["ref"] = e.Ref,
                ["head"] = e.After,
                ["before"] = e.Before,
                ["commits"] = Array(e.Commits.Select(c => (JsonNode?)new JsonObject
                {
                    ["sha"] = c.Sha, ["message"] = c.Message, ["distinct"] = true, ["url"] = $"{u.Repo(e.Repo)}/commits/{c.Sha}",
                })),
            }),
            SimEventKind.BranchCreated => ("CreateEvent", new JsonObject
            {
                ["ref"] = e.Branch, ["ref_type"] = "branch", ["master_branch"] = e.Repo.DefaultBranch, ["description"] = null, ["pusher_type"] = "user",
            }),
            SimEventKind.PullOpened or SimEventKind.PullUpdated or SimEventKind.PullEdited or SimEventKind.PullMerged or SimEventKind.PullClosed => ("PullRequestEvent", new JsonObject
            {
                ["action"] = GitHubWebhookFormatter.PullAction(e.Kind), ["number"] = e.Pull!.Number,
                ["pull_request"] = GitHubPullJson.Pull(u, e.Repo, e.Pull, store),
            }),
            SimEventKind.PullComment or SimEventKind.IssueComment => ("IssueCommentEvent", new JsonObject
            {
                ["action"] = "created",
                ["issue"] = e.Pull is not null ? GitHubPullJson.IssueOfPull(u, e.Repo, e.Pull, store) : GitHubPullJson.Issue(u, e.Repo, e.Issue!, store),
                ["comment"] = GitHubPullJson.Comment(u, e.Repo, e.Comment!, store),
            }),
            SimEventKind.IssueOpened or SimEventKind.IssueClosed => ("IssuesEvent", new JsonObject
            {
                ["action"] = e.Kind == SimEventKind.IssueOpened ? "opened" : "closed",
                ["issue"] = GitHubPullJson.Issue(u, e.Repo, e.Issue!, store),
            }),
            _ => (null, (JsonObject?)null),
        };
        if (type is null) return null;
        return new JsonObject
        {
            ["id"] = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["type"] = type,
            ["actor"] = new JsonObject
            {
                ["id"] = e.Actor.Id, ["login"] = e.Actor.Login, ["display_login"] = e.Actor.Login, ["gravatar_id"] = "",
                ["url"] = $"{u.Api}/users/{e.Actor.Login}", ["avatar_url"] = $"{u.Web}/avatars/u/{e.Actor.Id}?",
            },
            ["repo"] = new JsonObject { ["id"] = e.Repo.Id, ["name"] = e.Repo.FullName, ["url"] = u.Repo(e.Repo) },
            ["payload"] = payload,
            ["public"] = !e.Repo.Private,
            ["created_at"] = Iso(e.At),
        };
    }
}
