using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// The repository and actor of a GitHub delivery. Every repository event carries <c>repository</c>; a pull request also
/// names its repository as <c>pull_request.base.repo</c> and a run as <c>workflow_run.repository</c> (never the head
/// repository, which may be a fork). Old push payloads gave the owner as <c>{name, email}</c> rather than a login and had
/// no <c>sender</c>, only <c>pusher.name</c>; the path then comes from owner and name, or from the repository's page.
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads
/// </summary>
internal static class GitHubContext
{
    private static readonly string[] IdPaths = ["repository.id", "pull_request.base.repo.id", "workflow_run.repository.id"];

    private static readonly string[] PathPaths =
        ["repository.full_name", "pull_request.base.repo.full_name", "workflow_run.repository.full_name"];

    /// <param name="root">The delivery.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="actorFallbacks">Logins to use, in order, when the delivery has no <c>sender</c> (the comment's or item's author).</param>
    public static EventContext Of(JsonElement root, DateTimeOffset occurredAt, params ReadOnlySpan<string> actorFallbacks)
    {
        string id = root.RequireFirst(IdPaths);
        string? html = RepositoryPage(root);
        string path = JsonFallbacks.FirstOf(root.FirstText(PathPaths), OwnerAndName(root), PathOf(html))
            ?? throw JsonFallbacks.Missing([.. PathPaths, "repository.owner.login", "repository.html_url"]);
        string? login = root.FirstText("sender.login", "pusher.name") ?? root.FirstText(actorFallbacks);
        return new(ProviderKind.GitHub, new EventRepository(id, path, html), login is null ? null : new EventActor(login, null), occurredAt);
    }

    /// <summary>The repository's web page, from wherever the payload names it.</summary>
    public static string? RepositoryPage(JsonElement root) =>
        root.FirstText("repository.html_url", "pull_request.base.repo.html_url", "workflow_run.repository.html_url");

    private static string? OwnerAndName(JsonElement root) =>
        root.Text("repository.name") is { } name && root.FirstText("repository.owner.login", "repository.owner.name") is { } owner
            ? $"{owner}/{name}"
            : null;

    /// <summary><c>owner/name</c> from <c>https://github.com/owner/name</c> (or a GitHub Enterprise Server page).</summary>
    private static string? PathOf(string? htmlUrl) =>
        Uri.TryCreate(htmlUrl, UriKind.Absolute, out Uri? uri)
        && uri.AbsolutePath.Trim('/').Split('/') is [{ Length: > 0 } owner, { Length: > 0 } name]
            ? $"{owner}/{name}"
            : null;
}
