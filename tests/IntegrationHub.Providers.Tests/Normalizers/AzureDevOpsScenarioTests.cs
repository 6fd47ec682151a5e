using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>Azure DevOps cases the samples do not cover: active and abandoned updates, preview merges, YAML builds, system comments.</summary>
public sealed class AzureDevOpsScenarioTests
{
    private const string Repository = """ "repository":{"id":"0f0f0f0f-aaaa-bbbb-cccc-000000000001","name":"r","project":{"name":"p"},"remoteUrl":"https://dev.azure.com/o/p/_git/r"} """;
    private const string RepoId = "0f0f0f0f-aaaa-bbbb-cccc-000000000001";

    private static NormalizationResult Normalize(string eventType, string resource) =>
        PayloadEdgeCaseTests.Normalize(ProviderKind.AzureDevOps, null, $$"""{ "eventType":"{{eventType}}", "resource":{ {{resource}} } }""");

    [Theory]
    [InlineData("git.pullrequest.updated", "active", PullRequestUpdated, $"{RepoId}:pr:3:updated:s2")]
    [InlineData("git.pullrequest.updated", "abandoned", PullRequestClosed, $"{RepoId}:pr:3:closed:20240303T030303Z")]
    [InlineData("git.pullrequest.updated", "completed", PullRequestMerged, $"{RepoId}:pr:3:merged")]
    [InlineData("git.pullrequest.merged", "completed", PullRequestMerged, $"{RepoId}:pr:3:merged")]
    public void Pull_request_status_decides_the_kind(string eventType, string status, EventKind kind, string key)
    {
        NormalizedEvent e = Assert.Single(Normalize(eventType, $$"""
            {{Repository}}, "pullRequestId":3, "status":"{{status}}", "lastMergeSourceCommit":{"commitId":"s2"},
            "closedDate":"2024-03-03T03:03:03.5Z"
            """).Events);

        Assert.Equal((kind, key), (e.Kind, e.NaturalKey));
        Assert.Equal("p/r", e.Repository.FullPath);
        Assert.Equal("https://dev.azure.com/o/p/_git/r/pullrequest/3", e.HtmlUrl);
    }

    [Fact]
    public void Merge_attempt_on_an_active_pull_request_is_not_a_merge()
    {
        NormalizationResult result = Normalize("git.pullrequest.merged", $$""" {{Repository}}, "pullRequestId":3, "status":"active" """);

        Assert.Equal(NormalizationStatus.Ignored, result.Status);
    }

    [Theory]
    [InlineData("failed", PipelineOutcome.Failed)]
    [InlineData("partiallySucceeded", PipelineOutcome.Failed)]
    [InlineData("canceled", PipelineOutcome.Canceled)]
    [InlineData("succeeded", PipelineOutcome.Success)]
    public void Build_of_a_Git_repository_completes_its_pipeline(string result, PipelineOutcome outcome)
    {
        NormalizedEvent e = Assert.Single(Normalize("build.complete", $$"""
            "id":1234, "status":"completed", "result":"{{result}}", "sourceBranch":"refs/heads/main", "sourceVersion":"v1",
            "finishTime":"2024-03-03T03:03:03Z", "repository":{"id":"{{RepoId}}","type":"TfsGit"},
            "requestedFor":{"uniqueName":"dev@example.com","displayName":"Dev"}
            """).Events);

        Assert.Equal($"{RepoId}:pipeline:1234:completed", e.NaturalKey);
        Assert.Equal(outcome, e.Details.Outcome);
        Assert.Equal("refs/heads/main", e.Details.Ref);
        Assert.Equal("dev@example.com", e.Actor?.Login);
    }

    [Fact]
    public void System_comments_are_ignored()
    {
        NormalizationResult result = Normalize("ms.vss-code.git-pullrequest-comment-event", $$"""
            "comment":{"id":1,"commentType":"system","content":"voted"}, "pullRequest":{"pullRequestId":3, {{Repository}} }
            """);

        Assert.Equal(NormalizationStatus.Ignored, result.Status);
    }

    [Fact]
    public void Push_creating_a_branch_yields_branch_created_then_push()
    {
        NormalizationResult result = Normalize("git.push", $$"""
            {{Repository}}, "refUpdates":[{"name":"refs/heads/topic","oldObjectId":"0000000000000000000000000000000000000000","newObjectId":"n1"}]
            """);

        Assert.Equal(
            [(BranchCreated, $"{RepoId}:branch-created:topic:n1"), (Push, $"{RepoId}:push:refs/heads/topic:n1")],
            result.Events.Select(e => (e.Kind, e.NaturalKey)));
    }
}
