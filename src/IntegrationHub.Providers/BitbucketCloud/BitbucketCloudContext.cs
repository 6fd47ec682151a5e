using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// The repository and actor of a Bitbucket Cloud delivery. Every event carries <c>repository</c>; a pull request event
/// also names its repository as <c>pullrequest.destination.repository</c> (never the source, which may be a fork).
/// The id is the repository's UUID, braces included, as the API returns it and as the hub stores it: <c>full_name</c>
/// changes with a rename and names nothing the hub can file under, so it is the path, never a stand-in for the id.
/// Accounts lost <c>username</c> to GDPR; <c>nickname</c> is the handle now.
/// https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/#Common-entity-payloads
/// </summary>
internal static class BitbucketCloudContext
{
    private static readonly string[] IdPaths = ["repository.uuid", "pullrequest.destination.repository.uuid"];

    private static readonly string[] PathPaths = ["repository.full_name", "pullrequest.destination.repository.full_name"];

    /// <param name="root">The delivery.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="actorFallbacks">User objects to credit, in order, when the delivery has no <c>actor</c> (a comment's <c>user</c>).</param>
    public static EventContext Of(JsonElement root, DateTimeOffset occurredAt, params ReadOnlySpan<string> actorFallbacks)
    {
        string id = root.RequireFirst(IdPaths);
        string? html = root.FirstText("repository.links.html.href", "pullrequest.destination.repository.links.html.href");
        string path = JsonFallbacks.FirstOf(root.FirstText(PathPaths), PathOf(html))
            ?? throw JsonFallbacks.Missing([.. PathPaths, "repository.links.html.href"]);
        return new(ProviderKind.BitbucketCloud, new EventRepository(id, path, html), Actor(root, ["actor", .. actorFallbacks]), occurredAt);
    }

    /// <summary>A user object as an actor: <c>nickname</c> (else the old <c>username</c>) and <c>display_name</c>; null when it has neither.</summary>
    public static EventActor? User(JsonElement? user) =>
        user is { ValueKind: JsonValueKind.Object } u
        && (u.FirstText("nickname", "username"), u.Text("display_name")) is var (login, name)
        && (login is not null || name is not null)
            ? new EventActor(login, name)
            : null;

    private static EventActor? Actor(JsonElement root, ReadOnlySpan<string> userPaths)
    {
        foreach (string userPath in userPaths)
        {
            if (User(root.Get(userPath)) is { } actor)
            {
                return actor;
            }
        }

        return null;
    }

    /// <summary><c>workspace/slug</c> from <c>https://bitbucket.org/workspace/slug</c>.</summary>
    private static string? PathOf(string? htmlUrl) =>
        Uri.TryCreate(htmlUrl, UriKind.Absolute, out Uri? uri)
        && uri.AbsolutePath.Trim('/').Split('/') is [{ Length: > 0 } workspace, { Length: > 0 } slug]
            ? $"{workspace}/{slug}"
            : null;
}
