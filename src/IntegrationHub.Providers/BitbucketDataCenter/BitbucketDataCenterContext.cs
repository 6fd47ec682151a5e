using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// The repository, actor and time of a Bitbucket Data Center delivery. Repository events carry <c>repository</c>; pull
/// request events name it <c>pullRequest.toRef.repository</c> (the target; the source may be a fork). Its path is
/// <c>PROJECT/slug</c>, or, when the project is left out, read from the repository's <c>links.self</c> page
/// (<c>…/projects/KEY/repos/slug/browse</c>, <c>…/users/name/repos/slug/browse</c> for personal repositories, key
/// <c>~name</c>). The actor's <c>name</c> is the login. The event's time is the top-level <c>date</c>; without it, the
/// item's own time in epoch milliseconds.
/// https://confluence.atlassian.com/bitbucketserver/event-payload-938025882.html
/// </summary>
internal static class BitbucketDataCenterContext
{
    /// <summary>The repository object at the first of the paths that has one, or a failure naming them all.</summary>
    public static JsonElement Repository(JsonElement root, params ReadOnlySpan<string> paths) =>
        root.FirstObject(paths) ?? throw JsonFallbacks.Missing(paths);

    /// <param name="root">The delivery.</param>
    /// <param name="repository">The repository object (see <see cref="Repository"/>).</param>
    /// <param name="fallbackTime">The item's own time, used when the delivery has no <c>date</c>.</param>
    /// <param name="receivedAt">When the hub received it: the last resort.</param>
    public static EventContext Of(JsonElement root, JsonElement repository, DateTimeOffset? fallbackTime, DateTimeOffset receivedAt) =>
        For(repository, User(root.Get("actor")), root.Date("date") ?? fallbackTime ?? receivedAt);

    /// <summary>The context of events in <paramref name="repository"/>, a repository object as hooks and REST answers print it.</summary>
    public static EventContext For(JsonElement repository, EventActor? actor, DateTimeOffset occurredAt)
    {
        string? self = repository.Text("links.self.0.href");
        string path = JsonFallbacks.FirstOf(KeyAndSlug(repository), PathOf(self))
            ?? throw JsonFallbacks.Missing("repository.project.key", "repository.slug", "repository.links.self");
        return new(ProviderKind.BitbucketDataCenter, new EventRepository(repository.RequireStr("id"), path, self), actor, occurredAt);
    }

    /// <summary>A user object as an actor: <c>name</c> (else <c>slug</c>) is the login; null when it has neither that nor <c>displayName</c>.</summary>
    public static EventActor? User(JsonElement? user) =>
        user is { ValueKind: JsonValueKind.Object } u
        && (u.FirstText("name", "slug"), u.Text("displayName")) is var (login, name)
        && (login is not null || name is not null)
            ? new EventActor(login, name)
            : null;

    private static string? KeyAndSlug(JsonElement repository) =>
        repository.Text("project.key") is { } key && repository.Text("slug") is { } slug ? $"{key}/{slug}" : null;

    private static string? PathOf(string? self)
    {
        if (!Uri.TryCreate(self, UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        string[] segments = uri.AbsolutePath.Trim('/').Split('/');
        int repos = Array.IndexOf(segments, "repos");
        if (repos < 2 || repos + 1 >= segments.Length)
        {
            return null;
        }

        string owner = Uri.UnescapeDataString(segments[repos - 1]);
        string slug = Uri.UnescapeDataString(segments[repos + 1]);
        return segments[repos - 2] switch
        {
            "projects" => $"{owner}/{slug}",
            "users" => $"~{owner}/{slug}",
            _ => null,
        };
    }
}
