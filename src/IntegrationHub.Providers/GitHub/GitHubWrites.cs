using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// Comments and commit statuses. A pull request is an issue for conversation comments, so both go to the issue's
/// comments. Creating content counts toward GitHub's secondary (content-creation) limit: a 403 or 429 with
/// <c>Retry-After</c> comes back from the transport as <see cref="ProviderApiErrorKind.RateLimited"/>.
/// https://docs.github.com/rest/issues/comments#create-an-issue-comment,
/// https://docs.github.com/rest/commits/comments#create-a-commit-comment,
/// https://docs.github.com/rest/commits/statuses#create-a-commit-status
/// </summary>
internal sealed class GitHubWrites(ApiTransport api)
{
    /// <summary>GitHub answers 422 to a longer description.</summary>
    internal const int MaxDescription = 140;

    public async Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken)
    {
        ProviderWrites.Check(api.Descriptor, target, _ => "GitHub takes comments on pull requests, issues and commits.");
        string path = target.Kind == CommentTargetKind.Commit
            ? $"{RepoPath(repository)}/commits/{BaseUrls.Segment(target.Sha!)}/comments"
            : $"{RepoPath(repository)}/issues/{ProviderWrites.Number(target)}/comments";
        ApiResponse response = await api.SendAsync(HttpMethod.Post, api.Api(path), new JsonObject { ["body"] = markdown }, cancellationToken).ConfigureAwait(false);
        JsonObject comment = ProviderWrites.Object(api, response);
        return new PostedComment(ProviderWrites.RequiredId(api, response, comment["id"], "id"), ProviderWrites.Text(comment["html_url"]));
    }

    public async Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken)
    {
        JsonObject body = new JsonObject
        {
            ["state"] = status.State switch
            {
                CommitState.Pending => "pending",
                CommitState.Success => "success",
                CommitState.Failure => "failure",
                _ => "error",
            },
            ["context"] = status.Context,
        }
        .With("description", ProviderWrites.Shorten(status.Description, MaxDescription))
        .With("target_url", status.TargetUrl);
        Uri url = api.Api($"{RepoPath(repository)}/statuses/{BaseUrls.Segment(status.Sha)}");
        ApiResponse response = await api.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
        JsonObject created = ProviderWrites.Object(api, response);
        // A status has no page of its own: its link is the target URL it was given.
        return new PostedStatus(ProviderWrites.Text(created["id"]), ProviderWrites.Text(created["target_url"]));
    }

    private static string RepoPath(RepositoryRef repository)
    {
        (string owner, string name) = repository.SplitPath();
        return $"/repos/{BaseUrls.Segment(owner)}/{BaseUrls.Segment(name)}";
    }
}
