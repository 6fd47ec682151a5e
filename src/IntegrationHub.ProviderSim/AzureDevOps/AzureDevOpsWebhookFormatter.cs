using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Events;
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

    public ProviderId Provider => ProviderId.AzureDevOps;

    public DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId)
    {
        var u = new AzureDevOpsUrls(e.Origin, e.Repo.Owner);
        var eventType = hook.Events.FirstOrDefault();
        var resource = (e.Kind, eventType) switch
        {
            (SimEventKind.Push, "git.push") => PushResource(u, e),
            (SimEventKind.PullOpened, "git.pullrequest.created") => AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store),
            (SimEventKind.PullUpdated or SimEventKind.PullMerged or SimEventKind.PullClosed, "git.pullrequest.updated") => AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store),
            (SimEventKind.PullMerged, "git.pullrequest.merged") => AzureDevOpsJson.Pull(u, e.Repo, e.Pull!, store),
            (SimEventKind.PullComment, "ms.vss-code.git-pullrequest-comment-event") => new JsonObject
            {
                ["comment"] = AzureDevOpsJson.Comment(u, e.Comment!, store), ["pullRequest"] = CommentPull(u, e),
            },
            (SimEventKind.RunCompleted, "build.complete") => BuildResource(u, e),
            _ => null,
        };
        if (resource is null || eventType is null) return null;
        var text = $"{e.Actor.Name} triggered {eventType} in {e.Repo.Name}";
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

    /// <summary>The build.complete resource as Microsoft's sample has it.</summary>
    private static JsonObject BuildResource(AzureDevOpsUrls u, SimEvent e) => new()
    {
        ["uri"] = $"vstfs:///Build/Build/{e.Run!.Id}",
        ["id"] = e.Run.Id,
        ["buildNumber"] = $"{e.Run.Name}_{e.Run.Number}",
        ["url"] = $"{u.Root}/{e.Repo.Project}/_apis/build/Builds/{e.Run.Id}",
        ["startTime"] = IsoMs(e.Run.CreatedAt),
        ["finishTime"] = IsoMs(e.Run.UpdatedAt),
        ["reason"] = "individualCI",
        ["status"] = e.Run.Conclusion switch { "success" => "succeeded", "failure" => "failed", _ => "stopped" },
        ["dropLocation"] = "#/" + e.Run.Id + "/drop",
        ["sourceGetVersion"] = $"LG:refs/heads/{e.Run.Branch}:{e.Run.Sha}",
        ["retainIndefinitely"] = false,
        ["hasDiagnostics"] = false,
    };
}
