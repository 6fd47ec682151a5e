using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.AzureDevOps;

/// <summary>
/// Pull request comments and commit statuses. A pull request comment is a new thread, or, with
/// <see cref="CommentTarget.ThreadId"/>, a reply in that thread. Its id is <c>{pullRequest}/{thread}/{comment}</c>, the
/// form the hub's Azure comment events use, so a consumer can recognise its own comment when it comes back as an event.
/// There are no comments on bare commits, and repositories have no issues (work items live in Azure Boards).
/// https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-threads/create,
/// https://learn.microsoft.com/rest/api/azure/devops/git/pull-request-thread-comments/create,
/// https://learn.microsoft.com/rest/api/azure/devops/git/statuses/create
/// </summary>
internal sealed class AzureDevOpsWrites(ApiTransport api)
{
    private const string Genre = "integrationhub";
    private static readonly string Version = "api-version=" + AzureDevOpsDescriptor.ApiVersion;

    public async Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken)
    {
        ProviderWrites.Check(api.Descriptor, target, kind => kind == CommentTargetKind.Commit
            ? "Azure DevOps has no comments on bare commits: comment on a pull request."
            : "Azure DevOps repositories have no issues: work items live in Azure Boards.");
        string pr = ProviderWrites.Number(target);
        string threads = $"{RepoPath(repository)}/pullRequests/{pr}/threads";
        if (target.ThreadId is { } threadId)
        {
            if (!int.TryParse(threadId, NumberStyles.None, CultureInfo.InvariantCulture, out int thread) || thread <= 0)
            {
                throw ProviderWrites.Refused(api.Descriptor, $"'{threadId}' is not an Azure DevOps thread id.");
            }

            // parentCommentId 1 is the thread's first comment: the reply shows under it, as one written in the web UI.
            JsonObject reply = new() { ["content"] = markdown, ["parentCommentId"] = 1, ["commentType"] = 1 };
            ApiResponse answer = await api.SendAsync(HttpMethod.Post, Url($"{threads}/{thread}/comments"), reply, cancellationToken).ConfigureAwait(false);
            string replyId = ProviderWrites.RequiredId(api, answer, ProviderWrites.Object(api, answer)["id"], "comment id");
            return new PostedComment($"{pr}/{thread}/{replyId}", PullRequestPage(repository, pr, thread.ToString(CultureInfo.InvariantCulture)));
        }

        // commentType 1 is text; thread status 1 is active.
        JsonObject body = new()
        {
            ["comments"] = new JsonArray(new JsonObject { ["parentCommentId"] = 0, ["content"] = markdown, ["commentType"] = 1 }),
            ["status"] = 1,
        };
        ApiResponse response = await api.SendAsync(HttpMethod.Post, Url(threads), body, cancellationToken).ConfigureAwait(false);
        JsonObject created = ProviderWrites.Object(api, response);
        string threadIdText = ProviderWrites.RequiredId(api, response, created["id"], "thread id");
        string commentId = ProviderWrites.RequiredId(api, response, created["comments"]?.AsArray().FirstOrDefault()?["id"], "comment id");
        return new PostedComment($"{pr}/{threadIdText}/{commentId}", PullRequestPage(repository, pr, threadIdText));
    }

    public async Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken)
    {
        JsonObject body = new JsonObject
        {
            ["state"] = status.State switch
            {
                CommitState.Pending => "pending",
                CommitState.Success => "succeeded",
                CommitState.Failure => "failed",
                _ => "error",
            },
            ["context"] = new JsonObject { ["name"] = status.Context, ["genre"] = Genre },
        }
        .With("description", status.Description)
        .With("targetUrl", status.TargetUrl);
        Uri url = Url($"{RepoPath(repository)}/commits/{BaseUrls.Segment(status.Sha)}/statuses");
        ApiResponse response = await api.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
        JsonObject created = ProviderWrites.Object(api, response);
        return new PostedStatus(ProviderWrites.Text(created["id"]), ProviderWrites.Text(created["targetUrl"]));
    }

    /// <summary>Project-scoped: <c>{org}/{project}/_apis/git/repositories/{repositoryId}</c>, beside the organization's <c>{org}/_apis</c>.</summary>
    private string RepoPath(RepositoryRef repository)
    {
        string project = repository.ProjectId ?? repository.SplitPath().Owner;
        return $"{Organization()}/{BaseUrls.Segment(project)}/_apis/git/repositories/{BaseUrls.Segment(repository.ExternalId)}";
    }

    private static Uri Url(string path) => new($"{path}?{Version}");

    /// <summary>The pull request's page opened at the thread: <c>{org}/{project}/_git/{repository}/pullrequest/{id}?discussionId={thread}</c>.</summary>
    private string PullRequestPage(RepositoryRef repository, string pr, string thread)
    {
        (string project, string name) = repository.SplitPath();
        return $"{Organization()}/{BaseUrls.Segment(project)}/_git/{BaseUrls.Segment(name)}/pullrequest/{pr}?discussionId={thread}";
    }

    private string Organization() => api.Endpoints.ApiRoot.AbsoluteUri.TrimEnd('/')[..^"/_apis".Length];
}
