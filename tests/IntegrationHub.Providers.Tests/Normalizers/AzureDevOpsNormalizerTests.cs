using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>Azure DevOps webhook fixtures: the top-level files and the docs extracts in <c>docs/</c> (not <c>api/</c>).</summary>
public sealed class AzureDevOpsNormalizerTests
{
    private const string Folder = "azure-devops";
    private const string PrRepo = "4bc14d40-c903-45e2-872e-0462c7748079";
    private const string PushRepo = "278d5cd2-584d-4b63-824a-2ba458937249";
    private const string Jamal = "fabrikamfiber4@hotmail.com";
    private const string Pusher = @"Windows Live ID\fabrikamfiber4@hotmail.com";

    private static readonly FixtureCase[] Cases =
    [
        FixtureCase.Ignored("build.complete.json", null, "no resource.repository"),
        new("git.pullrequest.created.json", null, PrRepo, "Fabrikam/Fabrikam", Jamal, (PullRequestOpened, $"{PrRepo}:pr:1:opened")),
        new("git.pullrequest.merged.json", null, PrRepo, "Fabrikam/Fabrikam", Jamal, (PullRequestMerged, $"{PrRepo}:pr:1:merged")),
        new("git.pullrequest.updated.json", null, PrRepo, "Fabrikam/Fabrikam", Jamal, (PullRequestMerged, $"{PrRepo}:pr:1:merged")),
        new("git.push.json", null, PushRepo, "Fabrikam-Fiber-Git/Fabrikam-Fiber-Git", Pusher,
            (Push, $"{PushRepo}:push:refs/heads/main:33b55f7cb7e7e245323987634f960cf4a6e6bc74")),
        new("ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json", null, PrRepo, "Fabrikam/Fabrikam", Jamal,
            (CommentCreatedOnPullRequest, $"{PrRepo}:comment:1/5/2")),
        new("docs/git.pullrequest.created.json", null, PrRepo, "Fabrikam/Fabrikam", Jamal, (PullRequestOpened, $"{PrRepo}:pr:1:opened")),
        new("docs/git.push.json", null, PushRepo, "Fabrikam-Fiber-Git/Fabrikam-Fiber-Git", Pusher,
            (Push, $"{PushRepo}:push:refs/heads/master:33b55f7cb7e7e245323987634f960cf4a6e6bc74")),
    ];

    private readonly AzureDevOpsEventNormalizer _normalizer = new();

    public static TheoryData<string> Files => FixtureAssert.Names(Cases);

    [Theory]
    [MemberData(nameof(Files))]
    public void Normalizes_Azure_DevOps_fixture_as_expected(string file) =>
        FixtureAssert.Matches(_normalizer, Folder, Cases.Single(c => c.File == file));

    [Fact]
    public void Every_Azure_DevOps_webhook_fixture_is_described() =>
        FixtureAssert.CoversEveryFixture(Cases,
            [.. Fixtures.WebhookFiles(Folder), .. Fixtures.WebhookFiles($"{Folder}/docs").Select(f => $"docs/{f}")]);

    [Fact]
    public void Azure_DevOps_comment_links_to_its_thread_and_keeps_the_text()
    {
        NormalizedEvent e = Single("ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json");

        Assert.Equal("1/5/2", e.Details.CommentId);
        Assert.Equal("This is my comment.", e.Details.CommentExcerpt);
        Assert.Equal("https://fabrikam.visualstudio.com/DefaultCollection/_git/Fabrikam/pullrequest/1?discussionId=5", e.HtmlUrl);
        Assert.Equal(DateTimeOffset.Parse("2014-06-17T16:55:46.589889Z"), e.OccurredAt);
    }

    [Fact]
    public void Azure_DevOps_merge_time_is_the_closed_date()
    {
        NormalizedEvent e = Single("git.pullrequest.updated.json");

        Assert.Equal(DateTimeOffset.Parse("2014-06-30T18:59:12.3660573Z"), e.OccurredAt);
        Assert.Equal("my first pull request", e.Details.Title);
        Assert.Equal("53d54ac915144006c2c9e90d2c7d3880920db49c", e.Details.HeadSha);
        Assert.Equal("https://dev.azure.com/fabrikam/DefaultCollection/_git/Fabrikam/pullrequest/1", e.HtmlUrl);
    }

    [Fact]
    public void Azure_DevOps_push_time_is_the_push_date()
    {
        NormalizedEvent e = Single("git.push.json");

        Assert.Equal(DateTimeOffset.Parse("2014-05-02T19:17:13.3309587Z"), e.OccurredAt);
        Assert.Equal("aad331d8d3b131fa9ae03cf5e53965b51942618a", e.Details.BeforeSha);
    }

    private NormalizedEvent Single(string file) =>
        Assert.Single(_normalizer.Normalize(null, Fixtures.Bytes($"{Folder}/{file}"), FixtureAssert.ReceivedAt).Events);
}
