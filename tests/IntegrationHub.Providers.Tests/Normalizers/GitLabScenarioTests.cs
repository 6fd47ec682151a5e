using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>GitLab cases the fixtures do not cover (they have no failed pipeline, no merge, no new branch).</summary>
public sealed class GitLabScenarioTests
{
    private const string Project = """ "project":{"id":9,"path_with_namespace":"g/sub/p","web_url":"https://gl/g/sub/p"},"user":{"username":"dev","name":"Dev"} """;

    private static NormalizationResult Normalize(string kind, string fields) =>
        PayloadEdgeCaseTests.Normalize(ProviderKind.GitLab, null, $$"""{ "object_kind":"{{kind}}", {{Project}}, {{fields}} }""");

    [Fact]
    public void Push_creating_a_branch_yields_branch_created_then_push()
    {
        NormalizationResult result = Normalize("push", """
            "ref":"refs/heads/topic","before":"0000000000000000000000000000000000000000","after":"a1","user_username":"dev"
            """);

        Assert.Equal(
            [(BranchCreated, "9:branch-created:topic:a1"), (Push, "9:push:refs/heads/topic:a1")],
            result.Events.Select(e => (e.Kind, e.NaturalKey)));
    }

    [Fact]
    public void Tag_push_removing_a_tag_is_a_tag_deletion()
    {
        NormalizedEvent e = Assert.Single(Normalize("tag_push", """
            "ref":"refs/tags/v2","before":"a1","after":"0000000000000000000000000000000000000000"
            """).Events);

        Assert.Equal((TagDeleted, "9:tag-deleted:v2:a1"), (e.Kind, e.NaturalKey));
    }

    [Theory]
    [InlineData("merge", PullRequestMerged, "9:pr:4:merged")]
    [InlineData("close", PullRequestClosed, "9:pr:4:closed:20240404T040404Z")]
    [InlineData("reopen", PullRequestOpened, "9:pr:4:reopened:20240404T040404Z")]
    public void Merge_request_actions_map_to_kinds(string action, EventKind kind, string key)
    {
        NormalizedEvent e = Assert.Single(Normalize("merge_request", $$$"""
            "object_attributes":{"iid":4,"action":"{{{action}}}","last_commit":{"id":"h"},"updated_at":"2024-04-04 04:04:04 UTC"}
            """).Events);

        Assert.Equal((kind, key), (e.Kind, e.NaturalKey));
    }

    [Theory]
    [InlineData("update")]
    [InlineData("approved")]
    public void Merge_request_edits_and_approvals_are_ignored(string action)
    {
        Assert.Equal(NormalizationStatus.Ignored, Normalize("merge_request", $$""" "object_attributes":{"iid":4,"action":"{{action}}"} """).Status);
    }

    [Theory]
    [InlineData("failed", PipelineOutcome.Failed)]
    [InlineData("canceled", PipelineOutcome.Canceled)]
    public void Final_pipeline_statuses_complete_the_pipeline(string status, PipelineOutcome outcome)
    {
        NormalizedEvent e = Assert.Single(Normalize("pipeline", $$""" "object_attributes":{"id":88,"status":"{{status}}","ref":"v1","tag":true} """).Events);

        Assert.Equal("9:pipeline:88:completed", e.NaturalKey);
        Assert.Equal(outcome, e.Details.Outcome);
        Assert.Equal("refs/tags/v1", e.Details.Ref);
    }

    [Theory]
    [InlineData("running")]
    [InlineData("pending")]
    [InlineData("skipped")]
    public void Pipelines_that_are_not_final_are_ignored(string status)
    {
        Assert.Equal(NormalizationStatus.Ignored, Normalize("pipeline", $$""" "object_attributes":{"id":88,"status":"{{status}}"} """).Status);
    }

    [Fact]
    public void Closed_issue_is_an_issue_closure_and_opened_issue_reports_mentions()
    {
        NormalizedEvent closed = Assert.Single(Normalize("issue", """ "object_attributes":{"iid":6,"action":"close","closed_at":"2024-06-06 06:06:06 UTC"} """).Events);
        NormalizedEvent opened = Assert.Single(Normalize("issue", """ "object_attributes":{"iid":6,"action":"open","description":"for @g/sub"} """).Events);

        Assert.Equal("9:issue:6:closed:20240606T060606Z", closed.NaturalKey);
        Assert.Equal(["g/sub"], opened.Mentions);
    }

    [Fact]
    public void Snippet_notes_are_ignored()
    {
        Assert.Equal(NormalizationStatus.Ignored, Normalize("note", """ "object_attributes":{"id":1,"noteable_type":"Snippet"} """).Status);
    }
}
