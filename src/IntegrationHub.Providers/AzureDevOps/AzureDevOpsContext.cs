using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// The repository and actor of an Azure DevOps delivery. The item (the push, the pull request, the build) normally holds a
/// <c>repository</c> object; when it does not (a subscription whose "Resource details to send" is not All, an older
/// sample), the repository's GUID is still in the item's REST <c>url</c>
/// (<c>…/_apis/git/repositories/{id}/pushes/14</c>, <c>…/repositories/{id}/pullRequests/1</c>), in a pull request's
/// <c>artifactId</c> (<c>vstfs:///Git/PullRequestId/{project}%2f{repository}%2f{number}</c>) or in a comment's
/// <c>_links.repository.href</c>. Without the object the path is that id: it is for people to read, the id files the event.
/// https://learn.microsoft.com/azure/devops/service-hooks/events
/// </summary>
internal static class AzureDevOpsContext
{
    /// <param name="item">The object that holds <c>repository</c>.</param>
    /// <param name="itemPath">Its path in the body (<c>resource</c>, <c>resource.pullRequest</c>), for the failure's reason.</param>
    /// <param name="identity">Who did it (<c>pushedBy</c>, <c>createdBy</c>, <c>author</c>…), when the payload says.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="moreUrls">Further REST links that name the repository (a comment's <c>_links.repository.href</c>).</param>
    public static EventContext Of(JsonElement item, string itemPath, JsonElement? identity, DateTimeOffset occurredAt, params ReadOnlySpan<string?> moreUrls)
    {
        JsonElement? repository = item.Get("repository") is { ValueKind: JsonValueKind.Object } r && r.Text("id") is not null ? r : null;
        string id = repository?.Text("id")
            ?? FromArtifactId(item.Text("artifactId"))
            ?? FromRestUrl(item.Text("url"))
            ?? FirstFromRestUrls(moreUrls)
            ?? throw JsonFallbacks.Missing($"{itemPath}.repository", $"{itemPath}.artifactId", $"{itemPath}.url");
        // build.complete names its repository only by id and type.
        string repoName = repository?.Text("name") ?? id;
        string? project = repository?.Text("project.name");
        string? login = identity?.Text("uniqueName");
        string? name = identity?.Text("displayName");
        return new(
            ProviderKind.AzureDevOps,
            new EventRepository(id, project is null ? repoName : $"{project}/{repoName}", repository?.FirstText("webUrl", "remoteUrl")),
            login is null && name is null ? null : new EventActor(login, name),
            occurredAt);
    }

    /// <summary>The repository GUID after <c>/repositories/</c> in a REST URL, lower-case as the payloads print it; null for a name.</summary>
    internal static string? FromRestUrl(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri))
        {
            return null;
        }

        string[] segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        int at = Array.FindIndex(segments, s => s.Equals("repositories", StringComparison.OrdinalIgnoreCase));
        return at >= 0 && at + 1 < segments.Length && Guid.TryParse(segments[at + 1], out Guid id) ? id.ToString("D") : null;
    }

    /// <summary>The repository GUID in <c>vstfs:///Git/PullRequestId/{project}%2f{repository}%2f{number}</c>.</summary>
    internal static string? FromArtifactId(string? artifactId)
    {
        const string Prefix = "vstfs:///Git/PullRequestId/";
        if (artifactId is null || !artifactId.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string[] parts = Uri.UnescapeDataString(artifactId[Prefix.Length..]).Split('/');
        return parts.Length == 3 && Guid.TryParse(parts[1], out Guid id) ? id.ToString("D") : null;
    }

    private static string? FirstFromRestUrls(ReadOnlySpan<string?> urls)
    {
        foreach (string? url in urls)
        {
            if (FromRestUrl(url) is { } id)
            {
                return id;
            }
        }

        return null;
    }
}
