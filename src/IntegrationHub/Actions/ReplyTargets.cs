using System.Text.Json;
using System.Text.Json.Serialization;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Actions;

/// <summary>
/// Where a reply to a stored event goes: the first kind of the policy that the event has and the provider can comment
/// on, like a feedback policy (on the pull request, else the commit, else the issue).
/// </summary>
internal static class ReplyTargets
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The target, or a 422 naming what the event has, what the provider supports and what the policy asked for.</summary>
    public static (CommentTarget? Target, ActionAnswer? Refusal) Choose(
        long eventId, string kind, string payload, ProviderDescriptor provider, IReadOnlyList<CommentTargetKind> policy)
    {
        var offered = Offered(kind, Details(payload), provider.Kind);
        foreach (var wanted in policy)
        {
            if (offered.FirstOrDefault(t => t.Kind == wanted) is { } target && provider.CommentTargets.Contains(wanted))
            {
                return (target, null);
            }
        }

        string has = offered.Count == 0 ? "nothing to comment on" : string.Join(", ", offered.Select(Describe));
        string detail = $"Event {eventId} ({kind}) has {has}; {provider.DisplayName} comments on "
            + $"{string.Join(", ", provider.CommentTargets.Select(TargetWords.Of))}; the policy asked for {string.Join(", ", policy.Select(TargetWords.Of))}.";
        return (null, ActionAnswer.Problem(StatusCodes.Status422UnprocessableEntity, detail, keep: false));
    }

    /// <summary>"pull request 12", "commit 1a2b3c4", "issue 7": for answers and audit entries.</summary>
    public static string Describe(CommentTarget t) => t.Kind switch
    {
        CommentTargetKind.Commit => $"commit {t.Sha}",
        _ => $"{Noun(t.Kind)} {t.Number}",
    };

    public static string Noun(CommentTargetKind kind) => kind switch
    {
        CommentTargetKind.PullRequest => "pull request",
        CommentTargetKind.Issue => "issue",
        _ => "commit",
    };

    private static List<CommentTarget> Offered(string kind, EventDetails d, ProviderKind provider)
    {
        Enum.TryParse(kind, out EventKind k);
        bool pullKind = k is EventKind.PullRequestOpened or EventKind.PullRequestUpdated or EventKind.PullRequestMerged
            or EventKind.PullRequestClosed or EventKind.CommentCreatedOnPullRequest;
        bool issueKind = k is EventKind.IssueOpened or EventKind.IssueClosed or EventKind.CommentCreatedOnIssue;
        string? sha = k switch
        {
            EventKind.Push => d.AfterSha,
            EventKind.CommentCreatedOnCommit or EventKind.PipelineCompleted or EventKind.CommitStatusChanged => d.CommitSha,
            _ when pullKind => d.HeadSha,
            _ => null,
        };
        var offered = new List<CommentTarget>();
        if (pullKind && d.Number is { } pr)
        {
            offered.Add(new CommentTarget(CommentTargetKind.PullRequest, pr, ThreadId: AzureThread(k, d, provider)));
        }

        if (issueKind && d.Number is { } issue)
        {
            offered.Add(new CommentTarget(CommentTargetKind.Issue, issue));
        }

        // A deleted branch's push names the all-zero commit: there is nothing to comment on.
        if (sha is { Length: > 0 } && sha.Any(c => c != '0'))
        {
            offered.Add(new CommentTarget(CommentTargetKind.Commit, Sha: sha));
        }

        return offered;
    }

    /// <summary>Azure DevOps names a pull request comment "{pr}/{thread}/{comment}": the reply belongs in that thread.</summary>
    private static string? AzureThread(EventKind kind, EventDetails d, ProviderKind provider) =>
        provider == ProviderKind.AzureDevOps && kind == EventKind.CommentCreatedOnPullRequest
        && d.CommentId?.Split('/') is [_, { Length: > 0 } thread, _] ? thread : null;

    private static EventDetails Details(string payload)
    {
        using var doc = JsonDocument.Parse(payload);
        return doc.RootElement.TryGetProperty("details", out var details) ? details.Deserialize<EventDetails>(Json) ?? new() : new();
    }
}
