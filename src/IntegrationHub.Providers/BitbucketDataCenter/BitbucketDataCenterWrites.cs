using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.BitbucketDataCenter;

/// <summary>
/// Comments on pull requests and commits, and build statuses. There are no issues here: they live in Jira.
/// Build statuses use the build-status 1.0 resource, which every server version serves (the repository-scoped
/// <c>…/commits/{sha}/builds</c> exists only on newer ones); it answers 204 with no body, so a status has no id.
/// Bitbucket requires a status <c>url</c>: without a target URL we link the commit's own page.
/// https://developer.atlassian.com/server/bitbucket/rest/v910/api-group-pull-requests/#api-api-latest-projects-projectkey-repos-repositoryslug-pull-requests-pullrequestid-comments-post,
/// https://developer.atlassian.com/server/bitbucket/how-tos/updating-build-status-for-commits/
/// </summary>
internal sealed class BitbucketDataCenterWrites(ApiTransport api)
{
    public async Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken)
    {
        ProviderWrites.Check(api.Descriptor, target, kind => kind == CommentTargetKind.Issue
            ? "Bitbucket Data Center has no issues: they live in Jira."
            : "Bitbucket Data Center takes comments on pull requests and commits.");
        string repo = RepoPath(repository);
        string item = target.Kind == CommentTargetKind.PullRequest
            ? $"/pull-requests/{ProviderWrites.Number(target)}"
            : $"/commits/{BaseUrls.Segment(target.Sha!)}";
        ApiResponse response = await api.SendAsync(HttpMethod.Post, api.Api($"{repo}{item}/comments"), new JsonObject { ["text"] = markdown }, cancellationToken).ConfigureAwait(false);
        string id = ProviderWrites.RequiredId(api, response, ProviderWrites.Object(api, response)["id"], "id");
        // The pages Bitbucket itself links a comment from (NavBuilder.PullRequestComment); a commit comment shows on the commit.
        string page = target.Kind == CommentTargetKind.PullRequest ? $"{WebRoot()}{repo}{item}/overview?commentId={id}" : $"{WebRoot()}{repo}{item}";
        return new PostedComment(id, page);
    }

    /// <summary><c>key</c> and <c>name</c> are the context; there is no "error" state: an error is FAILED.</summary>
    public async Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken)
    {
        string link = status.TargetUrl ?? $"{WebRoot()}{RepoPath(repository)}/commits/{BaseUrls.Segment(status.Sha)}";
        JsonObject body = new JsonObject
        {
            ["state"] = status.State switch
            {
                CommitState.Pending => "INPROGRESS",
                CommitState.Success => "SUCCESSFUL",
                _ => "FAILED",
            },
            ["key"] = status.Context,
            ["name"] = status.Context,
            ["url"] = link,
        }
        .With("description", status.Description);
        Uri url = new($"{WebRoot()}/rest/build-status/1.0/commits/{BaseUrls.Segment(status.Sha)}");
        await api.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
        return new PostedStatus(null, link);
    }

    private static string RepoPath(RepositoryRef repository)
    {
        (string key, string slug) = repository.SplitPath();
        return $"/projects/{BaseUrls.Segment(key)}/repos/{BaseUrls.Segment(slug)}";
    }

    /// <summary>The instance's base URL: the REST root minus <c>/rest/api/1.0</c>.</summary>
    private string WebRoot()
    {
        string root = api.Endpoints.ApiRoot.AbsoluteUri.TrimEnd('/');
        return root[..^"/rest/api/1.0".Length];
    }
}
