using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.GitLab;

/// <summary>
/// Notes on merge requests and issues, commit comments and commit statuses. A commit comment is posted as a new
/// commit discussion rather than through <c>repository/commits/:sha/comments</c>: that older endpoint answers without
/// the note's id, and a posted comment must name its id.
/// https://docs.gitlab.com/api/notes/#create-new-merge-request-note, https://docs.gitlab.com/api/notes/#create-new-issue-note,
/// https://docs.gitlab.com/api/discussions/#create-a-commit-thread, https://docs.gitlab.com/api/commits/#set-the-pipeline-status-of-a-commit
/// </summary>
internal sealed class GitLabWrites(ApiTransport api)
{
    public async Task<PostedComment> CreateCommentAsync(RepositoryRef repository, CommentTarget target, string markdown, CancellationToken cancellationToken)
    {
        ProviderWrites.Check(api.Descriptor, target, _ => "GitLab takes comments on merge requests, issues and commits.");
        string project = $"/projects/{BaseUrls.Segment(repository.ExternalId)}";
        (string path, string page) = target.Kind switch
        {
            CommentTargetKind.PullRequest => ($"{project}/merge_requests/{ProviderWrites.Number(target)}/notes", $"/-/merge_requests/{ProviderWrites.Number(target)}"),
            CommentTargetKind.Issue => ($"{project}/issues/{ProviderWrites.Number(target)}/notes", $"/-/issues/{ProviderWrites.Number(target)}"),
            _ => ($"{project}/repository/commits/{BaseUrls.Segment(target.Sha!)}/discussions", $"/-/commit/{BaseUrls.Segment(target.Sha!)}"),
        };
        ApiResponse response = await api.SendAsync(HttpMethod.Post, api.Api(path), new JsonObject { ["body"] = markdown }, cancellationToken).ConfigureAwait(false);
        JsonObject created = ProviderWrites.Object(api, response);
        // A discussion answers with its notes; the note we wrote is its first.
        JsonNode? note = target.Kind == CommentTargetKind.Commit ? created["notes"]?.AsArray().FirstOrDefault() : created;
        string id = ProviderWrites.RequiredId(api, response, note?["id"], "note id");
        return new PostedComment(id, $"{ProjectWebUrl(repository)}{page}#note_{id}");
    }

    /// <summary>GitLab has no "error" state: an error is a failure. The check's name is <see cref="StatusSpec.Context"/>.</summary>
    public async Task<PostedStatus> SetCommitStatusAsync(RepositoryRef repository, StatusSpec status, CancellationToken cancellationToken)
    {
        JsonObject body = new JsonObject
        {
            ["state"] = status.State switch
            {
                CommitState.Pending => "pending",
                CommitState.Success => "success",
                _ => "failed",
            },
            ["name"] = status.Context,
        }
        .With("description", status.Description)
        .With("target_url", status.TargetUrl);
        Uri url = api.Api($"/projects/{BaseUrls.Segment(repository.ExternalId)}/statuses/{BaseUrls.Segment(status.Sha)}");
        ApiResponse response = await api.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
        JsonObject created = ProviderWrites.Object(api, response);
        return new PostedStatus(ProviderWrites.Text(created["id"]), ProviderWrites.Text(created["target_url"]));
    }

    /// <summary>
    /// The project's page from the instance's base URL and the project path, with no extra call. After a rename GitLab
    /// redirects the old path, so a stored path still leads there.
    /// </summary>
    private string ProjectWebUrl(RepositoryRef repository)
    {
        Uri instance = api.Connection.BaseUrl ?? api.Descriptor.DefaultBaseUrl!;
        return $"{BaseUrls.Trim(instance)}/{string.Join('/', repository.FullPath.Split('/').Select(BaseUrls.Segment))}";
    }
}
