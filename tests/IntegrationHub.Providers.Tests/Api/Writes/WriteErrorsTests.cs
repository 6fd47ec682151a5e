using System.Net;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Providers.Tests.Api.Writes;

/// <summary>
/// What a write does when the provider says no, and what it refuses before asking: the same transport maps a POST's
/// failures as it maps a GET's (rate limits first), and a target the provider lacks never reaches the wire.
/// </summary>
public sealed class WriteErrorsTests
{
    private const string Token = "write-errors-token-123";
    private static readonly RepositoryRef Repo = new("1", "o/r", "p");
    private readonly CannedHttp _http = new();
    private readonly TestClock _clock = new();

    public static TheoryData<ProviderKind> Providers => [.. Enum.GetValues<ProviderKind>()];

    private IProviderApi Client(ProviderKind kind) =>
        ProviderCatalog.For(kind).CreateApi(_http.Client(), new ProviderConnectionInfo(BaseUrl(kind), Token), _clock);

    private static Uri? BaseUrl(ProviderKind kind) => kind switch
    {
        ProviderKind.GitLab => new Uri("https://gitlab.example.com"),
        ProviderKind.BitbucketDataCenter => new Uri("https://bb.example.com"),
        ProviderKind.AzureDevOps => new Uri("https://dev.azure.com/org"),
        _ => null,
    };

    /// <summary>Where a comment on pull request 1 goes.</summary>
    private static string PullRequestCommentUrl(ProviderKind kind) => kind switch
    {
        ProviderKind.GitHub => "https://api.github.com/repos/o/r/issues/1/comments",
        ProviderKind.GitLab => "https://gitlab.example.com/api/v4/projects/1/merge_requests/1/notes",
        ProviderKind.BitbucketCloud => "https://api.bitbucket.org/2.0/repositories/o/r/pullrequests/1/comments",
        ProviderKind.BitbucketDataCenter => "https://bb.example.com/rest/api/1.0/projects/o/repos/r/pull-requests/1/comments",
        _ => "https://dev.azure.com/org/p/_apis/git/repositories/1/pullRequests/1/threads?api-version=7.0",
    };

    private async Task<ProviderApiException> FailingComment(ProviderKind kind, CommentTarget? target = null) =>
        await Assert.ThrowsAsync<ProviderApiException>(() =>
            Client(kind).CreateCommentAsync(Repo, target ?? new CommentTarget(CommentTargetKind.PullRequest, 1), "hello", CancellationToken.None));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_403_is_forbidden(ProviderKind kind)
    {
        _http.On(HttpMethod.Post, PullRequestCommentUrl(kind), HttpStatusCode.Forbidden, """{"message":"Resource not accessible by integration"}""");
        ProviderApiException ex = await FailingComment(kind);
        Assert.Equal((ProviderApiErrorKind.Forbidden, HttpStatusCode.Forbidden), (ex.Kind, ex.StatusCode));
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_404_is_not_found(ProviderKind kind)
    {
        _http.On(HttpMethod.Post, PullRequestCommentUrl(kind), HttpStatusCode.NotFound, """{"message":"Not Found"}""");
        Assert.Equal(ProviderApiErrorKind.NotFound, (await FailingComment(kind)).Kind);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_429_is_rate_limited_until_Retry_After(ProviderKind kind)
    {
        _http.On(HttpMethod.Post, PullRequestCommentUrl(kind), HttpStatusCode.TooManyRequests, """{"message":"Too many requests"}""", ("Retry-After", "37"));
        ProviderApiException ex = await FailingComment(kind);
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddSeconds(37)), (ex.Kind, ex.RetryAt));
    }

    [Fact]
    public async Task GitHub_secondary_limit_on_a_post_is_rate_limited_not_forbidden()
    {
        _http.On(HttpMethod.Post, PullRequestCommentUrl(ProviderKind.GitHub), HttpStatusCode.Forbidden,
            """{"message":"You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later."}""",
            ("Retry-After", "60"), ("X-RateLimit-Remaining", "4990"));
        ProviderApiException ex = await FailingComment(ProviderKind.GitHub);
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddSeconds(60)), (ex.Kind, ex.RetryAt));
    }

    [Fact]
    public async Task GitHub_secondary_limit_without_headers_waits_a_minute()
    {
        _http.On(HttpMethod.Post, PullRequestCommentUrl(ProviderKind.GitHub), HttpStatusCode.Forbidden, """{"message":"You have exceeded a secondary rate limit."}""");
        ProviderApiException ex = await FailingComment(ProviderKind.GitHub);
        Assert.Equal((ProviderApiErrorKind.RateLimited, _clock.Now.AddMinutes(1)), (ex.Kind, ex.RetryAt));
    }

    [Fact]
    public async Task Azure_sign_in_page_on_a_post_is_unauthorized()
    {
        _http.On(HttpMethod.Post, PullRequestCommentUrl(ProviderKind.AzureDevOps), _ => new HttpResponseMessage(HttpStatusCode.NonAuthoritativeInformation)
        {
            Content = new StringContent("<html>Sign In</html>", System.Text.Encoding.UTF8, "text/html"),
        });
        Assert.Equal(ProviderApiErrorKind.Unauthorized, (await FailingComment(ProviderKind.AzureDevOps)).Kind);
    }

    [Fact]
    public async Task A_refused_status_is_rejected()
    {
        _http.On(HttpMethod.Post, "https://api.github.com/repos/o/r/statuses/abc", HttpStatusCode.UnprocessableEntity,
            """{"message":"Validation Failed","errors":[{"resource":"Status","code":"custom","message":"This SHA and context has reached the maximum number of statuses."}]}""");
        ProviderApiException ex = await Assert.ThrowsAsync<ProviderApiException>(() =>
            Client(ProviderKind.GitHub).SetCommitStatusAsync(Repo, new StatusSpec("abc", CommitState.Success, "ci/x"), CancellationToken.None));
        Assert.Equal(ProviderApiErrorKind.Rejected, ex.Kind);
    }

    [Theory]
    [InlineData(ProviderKind.BitbucketDataCenter, CommentTargetKind.Issue, "Bitbucket Data Center has no issues: they live in Jira.")]
    [InlineData(ProviderKind.AzureDevOps, CommentTargetKind.Commit, "Azure DevOps has no comments on bare commits: comment on a pull request.")]
    [InlineData(ProviderKind.AzureDevOps, CommentTargetKind.Issue, "Azure DevOps repositories have no issues: work items live in Azure Boards.")]
    public async Task A_target_the_provider_lacks_is_rejected_before_any_call(ProviderKind kind, CommentTargetKind target, string message)
    {
        ProviderApiException ex = await FailingComment(kind, new CommentTarget(target, 1, "abc"));
        Assert.Equal((ProviderApiErrorKind.Rejected, message), (ex.Kind, ex.Message));
        Assert.DoesNotContain(target, ProviderCatalog.For(kind).Descriptor.CommentTargets);
        Assert.Empty(_http.Requests);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_target_without_its_number_or_sha_is_rejected_before_any_call(ProviderKind kind)
    {
        Assert.Equal(ProviderApiErrorKind.Rejected, (await FailingComment(kind, new CommentTarget(CommentTargetKind.PullRequest))).Kind);
        if (ProviderCatalog.For(kind).Descriptor.CommentTargets.Contains(CommentTargetKind.Commit))
        {
            Assert.Equal(ProviderApiErrorKind.Rejected, (await FailingComment(kind, new CommentTarget(CommentTargetKind.Commit, 1))).Kind);
        }

        Assert.Empty(_http.Requests);
    }

    [Fact]
    public void Each_provider_names_the_targets_it_takes()
    {
        CommentTargetKind[] all = [CommentTargetKind.PullRequest, CommentTargetKind.Issue, CommentTargetKind.Commit];
        Assert.Equal(all, ProviderCatalog.For(ProviderKind.GitHub).Descriptor.CommentTargets);
        Assert.Equal(all, ProviderCatalog.For(ProviderKind.GitLab).Descriptor.CommentTargets);
        Assert.Equal(all, ProviderCatalog.For(ProviderKind.BitbucketCloud).Descriptor.CommentTargets);
        Assert.Equal([CommentTargetKind.PullRequest, CommentTargetKind.Commit], ProviderCatalog.For(ProviderKind.BitbucketDataCenter).Descriptor.CommentTargets);
        Assert.Equal([CommentTargetKind.PullRequest], ProviderCatalog.For(ProviderKind.AzureDevOps).Descriptor.CommentTargets);
    }
}
