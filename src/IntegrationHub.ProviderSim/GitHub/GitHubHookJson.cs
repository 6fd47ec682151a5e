using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>Repository hooks and hook deliveries. The secret is never echoed back: GitHub shows <c>********</c>.</summary>
internal static class GitHubHookJson
{
    public static JsonObject Hook(GitHubUrls u, SimRepo repo, SimHook h)
    {
        var self = $"{u.Repo(repo)}/hooks/{h.Id}";
        var config = new JsonObject { ["content_type"] = h.ContentType, ["insecure_ssl"] = "0", ["url"] = h.Url };
        if (h.Secret is not null) config["secret"] = "********";
        return new JsonObject
        {
            ["type"] = "Repository",
            ["id"] = h.Id,
            ["name"] = "web",
            ["active"] = h.Active,
            ["events"] = Strings(h.Events.Order(StringComparer.Ordinal)),
            ["config"] = config,
            ["updated_at"] = Iso(h.UpdatedAt),
            ["created_at"] = Iso(h.CreatedAt),
            ["url"] = self,
            ["test_url"] = self + "/test",
            ["ping_url"] = self + "/pings",
            ["deliveries_url"] = self + "/deliveries",
            ["last_response"] = new JsonObject
            {
                ["code"] = h.LastResponseCode,
                ["status"] = h.LastResponseStatus,
                ["message"] = h.LastResponseMessage,
            },
        };
    }

    /// <summary>An item of <c>GET /repos/{o}/{r}/hooks/{id}/deliveries</c>. https://docs.github.com/rest/repos/webhooks#list-deliveries-for-a-repository-webhook</summary>
    public static JsonObject Delivery(DeliveryRecord d, DeliveryAttempt? last)
    {
        var code = last?.StatusCode ?? 0;
        // An app's webhook belongs to no repository: its deliveries name the installation and repository of the event.
        var app = d.Hook.RepoId == 0 ? JsonNode.Parse(d.Message.Body) : null;
        return new JsonObject
        {
            ["id"] = d.Id,
            ["guid"] = d.Guid.ToString(),
            ["delivered_at"] = Iso(last?.At ?? d.CreatedAt),
            ["redelivery"] = d.Redelivery,
            ["duration"] = Math.Round((last?.DurationMs ?? 0) / 1000.0, 2),
            ["status"] = last is null ? "pending" : code is >= 200 and < 300 ? "OK" : last.Error ?? $"Invalid HTTP Response: {code}",
            ["status_code"] = code,
            ["event"] = d.Message.Event,
            ["action"] = d.Message.Action,
            ["installation_id"] = app is null ? null : app["installation"]?["id"]?.DeepClone(),
            ["repository_id"] = app is null ? d.Hook.RepoId : app["repository"]?["id"]?.DeepClone(),
            ["throttled_at"] = null,
        };
    }

    /// <summary><c>GET .../deliveries/{id}</c>: the item plus the request and response.</summary>
    public static JsonObject DeliveryDetail(DeliveryRecord d, DeliveryAttempt? last)
    {
        var o = Delivery(d, last);
        var headers = new JsonObject();
        foreach (var (k, v) in d.Message.Headers) headers[k] = v;
        o["url"] = d.Hook.Url;
        o["request"] = new JsonObject
        {
            ["headers"] = headers,
            ["payload"] = JsonNode.Parse(d.Message.Body),
        };
        o["response"] = new JsonObject { ["headers"] = new JsonObject(), ["payload"] = null };
        return o;
    }
}
