using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.GitLab;

/// <summary>GitLab REST objects: user, project, hook. https://docs.gitlab.com/api/projects/</summary>
internal static class GitLabJson
{
    public static JsonObject User(GitLabUrls u, SimUser user) => new()
    {
        ["id"] = user.Id,
        ["username"] = user.Login,
        ["name"] = user.Name,
        ["state"] = "active",
        ["avatar_url"] = $"{u.Web}/uploads/-/system/user/avatar/{user.Id}/avatar.png",
        ["web_url"] = $"{u.Web}/{user.Login}",
    };

    /// <summary><c>GET /user</c>: the basic user plus profile fields.</summary>
    public static JsonObject CurrentUser(GitLabUrls u, SimUser user)
    {
        var o = User(u, user);
        o["email"] = user.Email;
        o["public_email"] = user.Email;
        o["created_at"] = IsoMs(user.CreatedAt);
        o["bot"] = false;
        return o;
    }

    public static JsonObject Project(GitLabUrls u, SimRepo p) => new()
    {
        ["id"] = p.Id,
        ["description"] = p.Description,
        ["name"] = p.Name,
        ["name_with_namespace"] = $"{p.Owner} / {p.Name}",
        ["path"] = p.Slug,
        ["path_with_namespace"] = p.FullName,
        ["created_at"] = IsoMs(p.CreatedAt),
        ["default_branch"] = p.DefaultBranch,
        ["tag_list"] = new JsonArray(),
        ["ssh_url_to_repo"] = $"git@{new Uri(u.Origin).Host}:{p.FullName}.git",
        ["http_url_to_repo"] = u.Project(p) + ".git",
        ["web_url"] = u.Project(p),
        ["avatar_url"] = null,
        ["star_count"] = 0,
        ["forks_count"] = 0,
        ["last_activity_at"] = IsoMs(p.UpdatedAt),
        ["namespace"] = new JsonObject
        {
            ["id"] = GroupId(p.Owner), ["name"] = p.Owner, ["path"] = p.Owner, ["kind"] = "group", ["full_path"] = p.Owner, ["parent_id"] = null,
        },
        ["archived"] = false,
        ["visibility"] = p.Private ? "private" : "public",
        ["issues_enabled"] = true,
        ["merge_requests_enabled"] = true,
        ["jobs_enabled"] = true,
        ["wiki_enabled"] = true,
        ["snippets_enabled"] = true,
        ["creator_id"] = p.OwnerUserId,
        ["open_issues_count"] = p.Issues.Count(i => i.State == "open"),
        ["shared_runners_enabled"] = true,
        ["request_access_enabled"] = false,
        ["only_allow_merge_if_pipeline_succeeds"] = false,
        ["printing_merge_request_link_enabled"] = true,
        ["lfs_enabled"] = true,
    };

    /// <summary>A project hook; the secret token is write-only. https://docs.gitlab.com/api/project_webhooks/</summary>
    public static JsonObject Hook(SimHook h, SimRepo repo, DateTimeOffset now) => new()
    {
        ["id"] = h.Id,
        ["url"] = h.Url,
        ["name"] = h.Name,
        ["description"] = "",
        ["project_id"] = repo.Id,
        ["push_events"] = h.Listens("push_events"),
        ["push_events_branch_filter"] = "",
        ["issues_events"] = h.Listens("issues_events"),
        ["confidential_issues_events"] = h.Listens("confidential_issues_events"),
        ["merge_requests_events"] = h.Listens("merge_requests_events"),
        ["tag_push_events"] = h.Listens("tag_push_events"),
        ["note_events"] = h.Listens("note_events"),
        ["confidential_note_events"] = h.Listens("confidential_note_events"),
        ["job_events"] = h.Listens("job_events"),
        ["pipeline_events"] = h.Listens("pipeline_events"),
        ["wiki_page_events"] = h.Listens("wiki_page_events"),
        ["deployment_events"] = h.Listens("deployment_events"),
        ["releases_events"] = h.Listens("releases_events"),
        ["feature_flag_events"] = false,
        ["resource_access_token_events"] = false,
        ["repository_update_events"] = false,
        ["enable_ssl_verification"] = true,
        ["alert_status"] = AlertStatus(h, now),
        ["disabled_until"] = h.DisabledUntil > now ? IsoMs(h.DisabledUntil.Value) : null,
        ["url_variables"] = new JsonArray(),
        ["created_at"] = IsoMs(h.CreatedAt),
        ["custom_webhook_template"] = "",
        ["custom_headers"] = new JsonArray(),
    };

    /// <summary>executable, temporarily_disabled or disabled. https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks</summary>
    public static string AlertStatus(SimHook h, DateTimeOffset now) =>
        h.PermanentlyDisabled ? "disabled" : h.DisabledUntil > now ? "temporarily_disabled" : "executable";

    public static long GroupId(string owner) => 5_000_000 + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(owner) % 1_000_000;

    /// <summary>The hook flags the API accepts; each names the events a hook listens to.</summary>
    public static readonly string[] EventFlags =
    [
        "push_events", "issues_events", "confidential_issues_events", "merge_requests_events", "tag_push_events", "note_events",
        "confidential_note_events", "job_events", "pipeline_events", "wiki_page_events", "deployment_events", "releases_events",
    ];
}
