using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// GitHub's app and installation objects. The REST API writes ISO times; the installation webhooks write Unix
/// seconds (see installation.created.json). https://docs.github.com/rest/apps/apps
/// </summary>
internal static class GitHubAppJson
{
    public static JsonObject App(GitHubUrls u, GitHubApp app, int installations) => new()
    {
        ["id"] = app.Id,
        ["slug"] = app.Slug,
        ["node_id"] = GitHubUserJson.NodeId("03:App", app.Id),
        ["client_id"] = app.ClientId,
        ["owner"] = GitHubUserJson.Account(u, app.OwnerLogin, app.OwnerId, "User"),
        ["name"] = app.Name,
        ["description"] = "",
        ["external_url"] = app.SetupUrl ?? u.Web,
        ["html_url"] = $"{u.Web}/apps/{app.Slug}",
        ["created_at"] = Iso(app.CreatedAt),
        ["updated_at"] = Iso(app.CreatedAt),
        ["permissions"] = Permissions(app.Permissions),
        ["events"] = Strings(app.Events),
        ["installations_count"] = installations,
    };

    public static JsonObject Installation(GitHubUrls u, GitHubAppInstallation i, GitHubApp app, SimStore store, bool unixTimes = false)
    {
        JsonNode? Time(DateTimeOffset? t) => t is not { } v ? null : unixTimes ? v.ToUnixTimeSeconds() : Iso(v);
        var suspender = i.SuspendedBy is { } by ? store.FindUser(by) : null;
        var o = new JsonObject
        {
            ["id"] = i.Id,
            ["account"] = GitHubUserJson.Account(u, i.AccountLogin, i.AccountId, i.AccountType),
            ["repository_selection"] = i.RepositorySelection,
            ["access_tokens_url"] = $"{u.Api}/app/installations/{i.Id}/access_tokens",
            ["repositories_url"] = $"{u.Api}/installation/repositories",
            ["html_url"] = i.AccountType == "User"
                ? $"{u.Web}/settings/installations/{i.Id}"
                : $"{u.Web}/organizations/{i.AccountLogin}/settings/installations/{i.Id}",
            ["app_id"] = app.Id,
            ["target_id"] = i.AccountId,
            ["target_type"] = i.AccountType,
            ["permissions"] = Permissions(i.Permissions),
            ["events"] = Strings(i.Events),
            ["created_at"] = Time(i.CreatedAt),
            ["updated_at"] = Time(i.UpdatedAt),
            ["single_file_name"] = null,
            ["suspended_at"] = Time(i.SuspendedAt),
            ["suspended_by"] = suspender is null ? null : GitHubUserJson.User(u, suspender),
        };
        if (!unixTimes)
        {
            o["app_slug"] = app.Slug;
            o["client_id"] = app.ClientId;
        }

        return o;
    }

    public static JsonObject Permissions(IReadOnlyDictionary<string, string> permissions)
    {
        var o = new JsonObject();
        foreach (var (name, level) in permissions.OrderBy(p => p.Key, StringComparer.Ordinal)) o[name] = level;
        return o;
    }
}
