using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketCloud;

/// <summary>
/// Comments on pull requests, commits and issues (the repository's issue tracker: a repository with the tracker off,
/// or in a workspace administered through admin.atlassian.com, answers 404), and build statuses.
/// Bitbucket requires a status <c>url</c>: without a target URL we link the commit's own page, where the status shows.
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-pullrequests/#api-repositories-workspace-repo-slug-pullrequests-pull-request-id-comments-post,
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commits/#api-repositories-workspace-repo-slug-commit-commit-comments-post,
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-issue-tracker/#api-repositories-workspace-repo-slug-issues-issue-id-comments-post,
/// https://developer.atlassian.com/cloud/bitbucket/rest/api-group-commit-statuses/#api-repositories-workspace-repo-slug-commit-commit-statuses-build-post
/// </summary>
internal sealed class BitbucketCloudWrites(ApiTransport api)
{
    public async Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken)
    {
        ProviderWrites.Check(api.Descriptor, target, _ => "Bitbucket Cloud takes comments on pull requests, issues and commits.");
        string path = RepoPath(repository) + target.Kind switch
        {
            CommentTargetKind.PullRequest => $"/pullrequests/{ProviderWrites.Number(target)}/comments",
            CommentTargetKind.Issue => $"/issues/{ProviderWrites.Number(target)}/comments",
            _ => $"/commit/{BaseUrls.Segment(target.Sha!)}/comments",
        };
        JsonObject body = new() { ["content"] = new JsonObject { ["raw"] = markdown } };
        ApiResponse response = await api.SendAsync(HttpMethod.Post, api.Api(path), body, cancellationToken).ConfigureAwait(false);
        JsonObject comment = ProviderWrites.Object(api, response);
        return new PostedComment(ProviderWrites.RequiredId(api, response, comment["id"], "id"), ProviderWrites.Text(comment["links"]?["html"]?["href"]));
    }

    /// <summary>
    /// <c>key</c> and <c>name</c> are the context: posting the same key again replaces that status. Bitbucket has no
    /// "error" state: an error is FAILED.
    /// </summary>
    public async Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken)
    {
        string link = status.TargetUrl ?? CommitPage(repository, status.Sha);
        JsonObject body = new JsonObject
        {
            ["key"] = status.Context,
            ["state"] = status.State switch
            {
                CommitState.Pending => "INPROGRESS",
                CommitState.Success => "SUCCESSFUL",
                _ => "FAILED",
            },
            ["name"] = status.Context,
            ["url"] = link,
        }
        .With("description", status.Description);
        Uri url = api.Api($"{RepoPath(repository)}/commit/{BaseUrls.Segment(status.Sha)}/statuses/build");
        ApiResponse response = await api.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
        JsonObject created = ProviderWrites.Object(api, response);
        return new PostedStatus(ProviderWrites.Text(created["uuid"]) ?? ProviderWrites.Text(created["key"]), ProviderWrites.Text(created["url"]) ?? link);
    }

    private static string RepoPath(RepositoryRef repository)
    {
        (string workspace, string slug) = repository.SplitPath();
        return $"/repositories/{BaseUrls.Segment(workspace)}/{BaseUrls.Segment(slug)}";
    }

    /// <summary>bitbucket.org serves pages on its own host (the API is on api.bitbucket.org); another base serves both.</summary>
    private string CommitPage(RepositoryRef repository, string sha)
    {
        Uri instance = api.Connection.BaseUrl ?? api.Descriptor.DefaultBaseUrl!;
        string web = BaseUrls.IsHost(instance, "bitbucket.org") || BaseUrls.IsHost(instance, "api.bitbucket.org")
            ? "https://bitbucket.org"
            : BaseUrls.Trim(instance);
        (string workspace, string slug) = repository.SplitPath();
        return $"{web}/{BaseUrls.Segment(workspace)}/{BaseUrls.Segment(slug)}/commits/{BaseUrls.Segment(sha)}";
    }
}
