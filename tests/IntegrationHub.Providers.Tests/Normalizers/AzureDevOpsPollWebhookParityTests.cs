using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// The poll hands Azure DevOps' REST pull requests and thread comments to the builders the service-hook normalizer uses,
/// so a pull request created with a mention and a comment on it read by the poll are the hooks' events: same kind, key,
/// actor, details, mentions and page.
/// </summary>
public sealed class AzureDevOpsPollWebhookParityTests
{
    private const string RepoId = "0f0f0f0f-aaaa-bbbb-cccc-000000000001";

    private const string PullRequest = $$"""
        "repository":{"id":"{{RepoId}}","name":"r","project":{"name":"p"},"webUrl":"https://dev.azure.com/fabrikam/p/_git/r"},
        "pullRequestId":4,"status":"active","title":"Faster cache","description":"Please review @bob",
        "creationDate":"2025-06-01T10:00:00.1234567Z","sourceRefName":"refs/heads/cache","lastMergeSourceCommit":{"commitId":"h4"},
        "createdBy":{"uniqueName":"amy@example.com","displayName":"Amy"}
        """;

    private const string Comment = """
        "id":1,"content":"Looks good, @dan?","publishedDate":"2025-06-01T10:05:00Z","commentType":"text",
        "author":{"uniqueName":"cal@example.com","displayName":"Cal"}
        """;

    [Fact]
    public async Task Polled_pull_request_creation_and_comment_equal_the_hooks_events()
    {
        IReadOnlyList<NormalizedEvent> polled = await new PollStub(ProviderKind.AzureDevOps)
            .On("/pullrequests", $$"""{"count":1,"value":[{ {{PullRequest}} }]}""")
            .On("/pullrequests/4/threads", $$"""{"count":1,"value":[{"id":7,"comments":[{ {{Comment}} }]}]}""")
            .PollAsync(new RepositoryRef(RepoId, "p/r", "p-1"));

        NormalizedEvent created = Hook($$"""{ "eventType":"git.pullrequest.created","resource":{ {{PullRequest}} } }""");
        NormalizedEvent commented = Hook($$"""
            { "eventType":"ms.vss-code.git-pullrequest-comment-event","resource":{
                "comment":{ {{Comment}}, "_links":{"threads":{"href":"https://dev.azure.com/fabrikam/p/_apis/git/repositories/{{RepoId}}/pullRequests/4/threads/7"} } },
                "pullRequest":{ {{PullRequest}} } } }
            """);

        NormalizedEvent polledCreated = Assert.Single(polled, e => e.Kind == PullRequestOpened);
        Assert.Equal(Facts(created), Facts(polledCreated));
        Assert.Equal(["bob"], polledCreated.Mentions);

        NormalizedEvent polledComment = Assert.Single(polled, e => e.Kind == CommentCreatedOnPullRequest);
        Assert.Equal(Facts(commented), Facts(polledComment));
        Assert.Equal("4/7/1", polledComment.Details.CommentId);
        Assert.Equal(["dan"], polledComment.Mentions);
    }

    private static NormalizedEvent Hook(string body) =>
        Assert.Single(PayloadEdgeCaseTests.Normalize(ProviderKind.AzureDevOps, null, body).Events);

    private static (EventKind, string, string?, EventDetails, string, string?) Facts(NormalizedEvent e) =>
        (e.Kind, e.NaturalKey, e.Actor?.Login, e.Details, string.Join(',', e.Mentions), e.HtmlUrl);
}
