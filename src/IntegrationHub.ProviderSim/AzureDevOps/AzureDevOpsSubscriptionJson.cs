using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.AzureDevOps;

/// <summary>
/// A service hook subscription (publisher <c>tfs</c>, consumer <c>webHooks</c>, action <c>httpRequest</c>). The Basic
/// password is a secure input and comes back masked. https://learn.microsoft.com/rest/api/azure/devops/hooks/subscriptions
/// </summary>
internal static class AzureDevOpsSubscriptionJson
{
    public static JsonObject Render(AzureDevOpsUrls u, SimRepo r, SimHook h, SimUser creator)
    {
        var consumer = new JsonObject { ["url"] = h.Url };
        if (h.BasicUser is not null) consumer["basicAuthUsername"] = h.BasicUser;
        if (h.BasicPassword is not null) consumer["basicAuthPassword"] = "********";
        return new JsonObject
        {
            ["id"] = h.Uuid.ToString(),
            ["url"] = $"{u.Root}/_apis/hooks/subscriptions/{h.Uuid}",
            ["status"] = h.Status,
            ["publisherId"] = "tfs",
            ["eventType"] = h.Events.FirstOrDefault() ?? "",
            ["subscriber"] = null,
            ["resourceVersion"] = "1.0",
            ["eventDescription"] = $"Repository {r.Name}",
            ["consumerId"] = "webHooks",
            ["consumerActionId"] = "httpRequest",
            ["actionDescription"] = "To host " + (Uri.TryCreate(h.Url, UriKind.Absolute, out var url) ? url.Host : h.Url),
            ["probationRetries"] = h.ProbationRetries,
            ["createdBy"] = AzureDevOpsJson.ShortIdentity(u, creator),
            ["createdDate"] = IsoMs(h.CreatedAt),
            ["modifiedBy"] = AzureDevOpsJson.ShortIdentity(u, creator),
            ["modifiedDate"] = IsoMs(h.UpdatedAt),
            ["lastProbationRetryDate"] = IsoMs(h.UpdatedAt),
            ["publisherInputs"] = new JsonObject
            {
                ["branch"] = "",
                ["projectId"] = AzureDevOpsJson.ProjectId(r.Owner, r.Project!).ToString(),
                ["pullrequestCreatedBy"] = "",
                ["pullrequestReviewersContains"] = "",
                ["repository"] = r.Uuid.ToString(),
                ["tfsSubscriptionId"] = h.Uuid.ToString(),
            },
            ["consumerInputs"] = consumer,
        };
    }
}
