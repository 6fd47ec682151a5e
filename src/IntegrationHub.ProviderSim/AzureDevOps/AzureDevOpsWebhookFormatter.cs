using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// Service hook notifications: no signature, the subscription's Basic credentials in <c>Authorization</c>; the body
/// carries <c>subscriptionId</c>, <c>notificationId</c>, <c>eventType</c>, <c>publisherId</c> and <c>resource</c>.
/// https://learn.microsoft.com/azure/devops/service-hooks/services/webhooks, https://learn.microsoft.com/azure/devops/service-hooks/events
/// </summary>
internal sealed class AzureDevOpsWebhookFormatter(SimStore store) : IWebhookFormatter
{
    private static int s_notification;

    public ProviderId Provider => AzureDevOpsProvider.Id;

    public DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId)
    {
        var u = new AzureDevOpsUrls(e.Origin, e.Repo.Owner);
        var eventType = hook.Events.FirstOrDefault();
        var resource = (e.Kind, eventType) switch
        {
            (SimEventKind.Push, "git.push") => PushResource(u, e),
            (SimEventKind.PullOpened, "git.pullrequest.created") => AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store),
            (SimEventKind.PullUpdated or SimEventKind.PullEdited or SimEventKind.PullMerged or SimEventKind.PullClosed, "git.pullrequest.updated") => AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store),
            (SimEventKind.PullMerged, "git.pullrequest.merged") => AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store),
            (SimEventKind.PullComment, "ms.vss-code.git-pullrequest-comment-event") => new JsonObject
            {
                ["comment"] = AzureDevOpsJson.Comment(u, e.Repo, e.Comment!, store), ["pullRequest"] = CommentPull(u, e),
            },
            (SimEventKind.RunCompleted, "build.complete") => AzureDevOpsBuildJson.Build(u, e.Repo, e.Run!, store),
            _ => null,
        };
        if (resource is null || eventType is null) return null;
        var text = Text(e, eventType);
        var message = new JsonObject { ["text"] = text, ["html"] = text, ["markdown"] = text };
        var body = new JsonObject
        {
            ["subscriptionId"] = hook.Uuid.ToString(),
            ["notificationId"] = Interlocked.Increment(ref s_notification),
            ["id"] = deliveryId.ToString(),
            ["eventType"] = eventType,
            ["publisherId"] = "tfs",
            ["message"] = message,
            ["detailedMessage"] = message.DeepClone(),
            ["resource"] = resource,
            ["resourceVersion"] = "1.0",
            ["resourceContainers"] = new JsonObject
            {
                ["collection"] = new JsonObject { ["id"] = AzureDevOpsJson.ProjectId(e.Repo.Owner, "collection").ToString() },
                ["account"] = new JsonObject { ["id"] = AzureDevOpsJson.ProjectId(e.Repo.Owner, "account").ToString() },
                ["project"] = new JsonObject { ["id"] = AzureDevOpsJson.ProjectId(e.Repo.Owner, e.Repo.Project!).ToString() },
            },
            ["createdDate"] = IsoMs(e.At),
        };
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["User-Agent"] = "VSServices/16.255.35115.1",
        };
        if (hook.BasicUser is not null || hook.BasicPassword is not null)
        {
            headers["Authorization"] = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{hook.BasicUser}:{hook.BasicPassword}"));
        }

        return new DeliveryMessage(eventType, null, Encoding.UTF8.GetBytes(body.ToJsonString()), headers);
    }

    /// <summary>The comment event's pull request carries a repository without <c>defaultBranch</c> (see the real delivery).</summary>
    private JsonObject CommentPull(AzureDevOpsUrls u, SimEvent e)
    {
        var pull = AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store);
        (pull["repository"] as JsonObject)?.Remove("defaultBranch");
        return pull;
    }

    private JsonObject PushResource(AzureDevOpsUrls u, SimEvent e)
    {
        var o = AzureDevOpsPollApi.Push(u, e.Repo, e);
        o["commits"] = Array(e.Commits.Select(c =>
        {
            var author = store.User(c.AuthorId);
            var person = new JsonObject { ["name"] = author.Name, ["email"] = author.Email, ["date"] = Iso(c.Timestamp) };
            return (JsonNode?)new JsonObject
            {
                ["commitId"] = c.Sha, ["author"] = person, ["committer"] = person.DeepClone(), ["comment"] = c.Message,
                ["url"] = $"{u.RepoWeb(e.Repo)}/commit/{c.Sha}",
            };
        }));
        return o;
    }

    /// <summary>The notification's message, worded as Azure words it for the common events.</summary>
    private static string Text(SimEvent e, string eventType) => (e.Kind, eventType) switch
    {
        (SimEventKind.Push, _) => $"{e.Actor.Name} pushed updates to {e.Repo.Name}:{e.Branch}",
        (SimEventKind.PullUpdated, "git.pullrequest.updated") => $"{e.Actor.Name} updated the source branch of pull request {e.Pull!.Number} ({e.Pull.Title})",
        (SimEventKind.PullEdited, "git.pullrequest.updated") => $"{e.Actor.Name} updated pull request {e.Pull!.Number} ({e.Pull.Title})",
        (SimEventKind.PullComment, _) => $"{e.Actor.Name} has commented on a pull request",
        (SimEventKind.RunCompleted, _) => $"Build {e.Run!.CreatedAt.UtcDateTime:yyyyMMdd}.{e.Run.Number} {AzureDevOpsBuildJson.Result(e.Run)}",
        _ => $"{e.Actor.Name} triggered {eventType} in {e.Repo.Name}",
    };
}
