using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>
/// Bitbucket Data Center deliveries: <c>X-Event-Key</c>, <c>X-Request-Id</c>, <c>X-Hub-Signature: sha256=...</c>
/// when a secret is set. https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html
/// </summary>
internal sealed class BitbucketDataCenterWebhookFormatter(SimStore store) : IWebhookFormatter
{
    public ProviderId Provider => BitbucketDataCenterProvider.Id;

    public DeliveryMessage? Format(SimEvent e, SimHook hook, Guid deliveryId)
    {
        var u = new BitbucketDataCenterUrls(e.Origin);
        var key = e.Kind switch
        {
            SimEventKind.Push => "repo:refs_changed",
            SimEventKind.PullOpened => "pr:opened",
            SimEventKind.PullUpdated => "pr:from_ref_updated",
            SimEventKind.PullEdited => "pr:modified",
            SimEventKind.PullMerged => "pr:merged",
            SimEventKind.PullClosed => "pr:declined",
            SimEventKind.PullComment => "pr:comment:added",
            _ => null,
        };
        if (key is null || !hook.Listens(key)) return null;
        var body = new JsonObject
        {
            ["eventKey"] = key,
            // ISO-8601 with a colon-less offset, as Bitbucket DC sends it: 2018-07-05T16:06:20+0000.
            ["date"] = e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000",
            ["actor"] = BitbucketDataCenterJson.User(u, e.Actor),
        };
        if (e.Kind == SimEventKind.Push)
        {
            body["repository"] = BitbucketDataCenterJson.Repo(u, e.Repo);
            body["changes"] = new JsonArray(new JsonObject
            {
                ["ref"] = new JsonObject { ["id"] = e.Ref, ["displayId"] = e.Branch, ["type"] = "BRANCH" },
                ["refId"] = e.Ref,
                ["fromHash"] = e.Before,
                ["toHash"] = e.After,
                ["type"] = e.Created ? "ADD" : "UPDATE",
            });
        }
        else
        {
            body["pullRequest"] = BitbucketDataCenterJson.Pull(u, e.Repo, e.Pull!, store);
            if (e.Comment is not null) body["comment"] = BitbucketDataCenterJson.Comment(u, e.Repo, e.Comment, store);
            // https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html#Eventpayload-Sourcebranchupdated / -Modified
            if (e.Kind == SimEventKind.PullUpdated) body["previousFromHash"] = e.Before;
            if (e.Kind == SimEventKind.PullEdited)
            {
                body["previousTitle"] = e.PreviousTitle;
                body["previousDescription"] = e.PreviousBody;
                var target = e.Pull!.TargetBranch;
                var head = e.Repo.Branches.GetValueOrDefault(target) ?? e.Pull.BaseSha;
                body["previousTarget"] = new JsonObject
                {
                    ["id"] = "refs/heads/" + target, ["displayId"] = target, ["type"] = "BRANCH", ["latestCommit"] = head, ["latestChangeset"] = head,
                };
            }
        }

        StripProjectPublic(body);
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var headers = new Dictionary<string, string>
        {
            ["Content-Type"] = "application/json; charset=utf-8",
            ["User-Agent"] = "Atlassian HttpClient 4.2.0 / Bitbucket-8.19.0 (8019000) / Default",
            ["X-Event-Key"] = key,
            ["X-Request-Id"] = deliveryId.ToString(),
        };
        if (!string.IsNullOrEmpty(hook.Secret)) headers["X-Hub-Signature"] = Hmac.Sha256Header(hook.Secret, bytes);
        return new DeliveryMessage(key, null, bytes, headers);
    }

    /// <summary>Webhook repositories carry the project without <c>public</c> (see repo_refs_changed.json); the REST API has it.</summary>
    private static void StripProjectPublic(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["project"] is JsonObject project) project.Remove("public");
                foreach (var (_, child) in o) StripProjectPublic(child);
                break;
            case JsonArray a:
                foreach (var child in a) StripProjectPublic(child);
                break;
        }
    }
}
