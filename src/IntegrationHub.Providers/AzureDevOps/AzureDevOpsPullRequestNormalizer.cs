using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Azure DevOps pull request and comment hooks: which of them are normalized, and where the hook puts the comment's
/// thread; the events themselves are <see cref="AzureDevOpsPullRequestEvents"/>, shared with the poll.
/// https://learn.microsoft.com/azure/devops/service-hooks/events#pull-request-updated
/// </summary>
internal static class AzureDevOpsPullRequestNormalizer
{
    public static NormalizationResult PullRequest(string eventType, JsonElement pr, DateTimeOffset notifiedAt)
    {
        _ = pr.RequireLong("pullRequestId"); // a hook without the number is invalid, whatever its status
        string? status = pr.Text("status");
        if (AzureDevOpsPullRequestEvents.Kind(eventType, status) is not { } kind)
        {
            return NormalizationResult.Ignore($"Azure DevOps '{eventType}' with status '{status ?? "(none)"}' is not normalized");
        }

        return NormalizationResult.Of([AzureDevOpsPullRequestEvents.Create(kind, pr, notifiedAt)]);
    }

    /// <summary>
    /// <c>ms.vss-code.git-pullrequest-comment-event</c> fires when a comment is added and when it is edited; both carry the
    /// same comment and so the same natural key. The thread is the last segment of the comment's <c>_links.threads.href</c>.
    /// </summary>
    public static NormalizationResult Comment(JsonElement resource, DateTimeOffset notifiedAt)
    {
        JsonElement comment = resource.Get("comment") ?? throw new PayloadException("missing required field 'resource.comment'");
        if (AzureDevOpsPullRequestEvents.IsSystem(comment))
        {
            return NormalizationResult.Ignore("Azure DevOps system comments are not normalized");
        }

        JsonElement pr = resource.Get("pullRequest") ?? throw new PayloadException("missing required field 'resource.pullRequest'");
        return NormalizationResult.Of([AzureDevOpsPullRequestEvents.Comment(comment, LastSegment(comment.Text("_links.threads.href")),
            comment.Text("_links.repository.href"), pr, notifiedAt)]);
    }

    private static string? LastSegment(string? url) =>
        url is null ? null : url.TrimEnd('/')[(url.TrimEnd('/').LastIndexOf('/') + 1)..] is { Length: > 0 } s ? s : null;
}
