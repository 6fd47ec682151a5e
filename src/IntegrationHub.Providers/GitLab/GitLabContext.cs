using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// The project and user of a GitLab delivery, from wherever the hook's version put them. Current hooks carry a
/// <c>project</c> object with its <c>id</c>; GitLab up to 10.x sent that object without an <c>id</c>, and 7.x/8.x Issue
/// Hooks sent no project at all, only <c>object_attributes.project_id</c> and the issue's <c>url</c> (see
/// tests/IntegrationHub.Providers.Tests/Variants/SOURCES.md). Push and system hooks carry <c>project_id</c> at the top;
/// merge requests name their project <c>object_attributes.target_project_id</c> (never the source, which may be a fork).
/// https://docs.gitlab.com/user/project/integrations/webhook_events/
/// </summary>
internal static class GitLabContext
{
    private static readonly string[] IdPaths =
        ["project.id", "project_id", "object_attributes.target_project_id", "object_attributes.project_id"];

    private static readonly string[] PathPaths =
        ["project.path_with_namespace", "object_attributes.target.path_with_namespace"];

    private static readonly string[] WebUrlPaths = ["project.web_url", "project.homepage", "repository.homepage"];

    /// <summary>Item pages (<c>…/-/issues/1</c>, old <c>…/issues/1</c>) whose project path is everything before the marker.</summary>
    private static readonly string[] ItemMarkers = ["/-/", "/issues/", "/merge_requests/", "/commit/", "/pipelines/", "/snippets/"];

    public static EventContext Of(JsonElement root, DateTimeOffset occurredAt)
    {
        string id = root.RequireFirst(IdPaths);
        string? web = root.FirstText(WebUrlPaths);
        string? itemUrl = root.Text("object_attributes.url");
        string path = JsonFallbacks.FirstOf(root.FirstText(PathPaths), ProjectPath(web), ProjectPath(root.Text("repository.url")), ProjectPath(itemUrl))
            ?? throw JsonFallbacks.Missing([.. PathPaths, .. WebUrlPaths, "repository.url", "object_attributes.url"]);
        // Push and system hooks carry the user flat (user_username, user_name), the others as a user object.
        string? login = root.FirstText("user.username", "user_username");
        string? name = root.FirstText("user.name", "user_name");
        return new(
            ProviderKind.GitLab,
            new EventRepository(id, path, web ?? ProjectUrl(itemUrl, path)),
            Actor(login, name),
            occurredAt);
    }

    /// <summary>The user as GitLab names it; none when the body names nobody (pipeline hooks, system events).</summary>
    internal static EventActor? Actor(string? login, string? name) => login is null && name is null ? null : new EventActor(login, name);

    /// <summary>
    /// <c>group/sub/project</c> out of a project or item page (<c>http://host/group/project/issues/1</c>) or a clone URL
    /// (<c>git@host:group/project.git</c>); null unless it has a namespace and a name. On an instance served under a
    /// relative URL root the root is part of it: the path is for people to read, the id is what files the event.
    /// </summary>
    internal static string? ProjectPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        string path;
        if (Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https" or "ssh")
        {
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }
        else if (url.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon && !url.Contains("://", StringComparison.Ordinal))
        {
            path = url[(colon + 1)..]; // scp-like git@host:group/project.git
        }
        else
        {
            return null;
        }

        path = path.Trim('/');
        foreach (string marker in ItemMarkers)
        {
            int at = path.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                path = path[..at];
                break;
            }
        }

        if (path.EndsWith(".git", StringComparison.Ordinal))
        {
            path = path[..^4];
        }

        return path.Contains('/', StringComparison.Ordinal) ? path : null;
    }

    /// <summary>The project's page implied by an item's page, when the body has no project page of its own.</summary>
    internal static string? ProjectUrl(string? itemUrl, string path) =>
        Uri.TryCreate(itemUrl, UriKind.Absolute, out Uri? uri) && uri.Scheme is "http" or "https"
            ? $"{uri.GetLeftPart(UriPartial.Authority)}/{path}"
            : null;
}
