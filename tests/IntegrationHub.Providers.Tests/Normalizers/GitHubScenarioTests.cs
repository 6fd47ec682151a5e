using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>GitHub cases the fixtures do not cover, on minimal bodies shaped like GitHub's.</summary>
public sealed class GitHubScenarioTests
{
    private const string Repo = """ "repository":{"id":42,"full_name":"o/r","html_url":"https://github.com/o/r"},"sender":{"login":"octo"} """;

    private static NormalizationResult Normalize(string eventName, string fields) =>
        PayloadEdgeCaseTests.Normalize(ProviderKind.GitHub, eventName, $$"""{ {{Repo}}, {{fields}} }""");

    private static NormalizedEvent Single(string eventName, string fields) => Assert.Single(Normalize(eventName, fields).Events);

    [Fact]
    public void Closed_and_merged_pull_request_is_a_merge_at_merge_time()
    {
        NormalizedEvent e = Single("pull_request", """
            "action":"closed","pull_request":{"number":7,"merged":true,"merged_at":"2024-02-03T04:05:06Z","closed_at":"2024-02-03T04:05:06Z","head":{"sha":"h1"}}
            """);

        Assert.Equal((PullRequestMerged, "42:pr:7:merged"), (e.Kind, e.NaturalKey));
        Assert.Equal(DateTimeOffset.Parse("2024-02-03T04:05:06Z"), e.OccurredAt);
    }

    [Fact]
    public void Opened_pull_request_reports_mentions_from_its_description()
    {
        NormalizedEvent e = Single("pull_request", """
            "action":"opened","pull_request":{"number":8,"title":"Fix for @alice","body":"cc @bob and @org/team, not `@code` nor me@example.com","head":{"sha":"h"}}
            """);

        Assert.Equal(["alice", "bob", "org/team"], e.Mentions);
    }

    [Fact]
    public void Labeled_pull_request_is_ignored_with_its_action()
    {
        NormalizationResult result = Normalize("pull_request", """ "action":"labeled","pull_request":{"number":8} """);

        Assert.Equal(NormalizationStatus.Ignored, result.Status);
        Assert.Contains("'labeled'", result.Reason);
    }

    [Fact]
    public void Comment_on_a_pull_request_conversation_is_a_pull_request_comment()
    {
        NormalizedEvent e = Single("issue_comment", """
            "action":"created","issue":{"number":9,"pull_request":{"url":"u"}},"comment":{"id":555,"body":"LGTM @carol","created_at":"2024-01-01T00:00:00Z"}
            """);

        Assert.Equal((CommentCreatedOnPullRequest, "42:comment:555"), (e.Kind, e.NaturalKey));
        Assert.Equal(["carol"], e.Mentions);
    }

    [Fact]
    public void Commit_comment_names_the_commit()
    {
        NormalizedEvent e = Single("commit_comment", """
            "action":"created","comment":{"id":77,"commit_id":"c0ffee","body":"nit","html_url":"https://github.com/o/r/commit/c0ffee#commitcomment-77"}
            """);

        Assert.Equal((CommentCreatedOnCommit, "42:comment:77"), (e.Kind, e.NaturalKey));
        Assert.Equal("c0ffee", e.Details.CommitSha);
    }

    [Fact]
    public void Push_deleting_a_branch_is_a_branch_deletion_keyed_by_its_last_sha()
    {
        NormalizedEvent e = Single("push", """
            "ref":"refs/heads/feature/x","before":"b4","after":"0000000000000000000000000000000000000000","deleted":true
            """);

        Assert.Equal((BranchDeleted, "42:branch-deleted:feature/x:b4"), (e.Kind, e.NaturalKey));
    }

    [Fact]
    public void Push_to_an_existing_branch_is_one_push()
    {
        NormalizedEvent e = Single("push", """ "ref":"refs/heads/main","before":"b4","after":"af" """);

        Assert.Equal((Push, "42:push:refs/heads/main:af"), (e.Kind, e.NaturalKey));
    }

    [Theory]
    [InlineData("create", "branch")]
    [InlineData("delete", "branch")]
    [InlineData("create", "tag")]
    public void Create_and_delete_events_carry_no_sha_and_leave_the_ref_change_to_the_push(string eventName, string refType)
    {
        NormalizationResult result = Normalize(eventName, $$""" "ref":"feature/x","ref_type":"{{refType}}" """);

        Assert.Equal(NormalizationStatus.Ignored, result.Status);
        Assert.Contains("the push GitHub sends", result.Reason);
    }

    [Theory]
    [InlineData("failure", PipelineOutcome.Failed)]
    [InlineData("timed_out", PipelineOutcome.Failed)]
    [InlineData("cancelled", PipelineOutcome.Canceled)]
    public void Workflow_run_outcomes_fold_to_three(string conclusion, PipelineOutcome outcome)
    {
        NormalizedEvent e = Single("workflow_run", $$""" "action":"completed","workflow_run":{"id":5,"conclusion":"{{conclusion}}"} """);

        Assert.Equal(outcome, e.Details.Outcome);
    }

    [Theory]
    [InlineData("workflow_run", """ "action":"completed","workflow_run":{"id":5,"conclusion":"skipped"} """)]
    [InlineData("status", """ "sha":"s","context":"ci","state":"pending" """)]
    [InlineData("issues", """ "action":"labeled","issue":{"number":1} """)]
    public void Non_final_or_untracked_states_are_ignored(string eventName, string fields)
    {
        Assert.Equal(NormalizationStatus.Ignored, Normalize(eventName, fields).Status);
    }

    [Fact]
    public void Closed_issue_is_an_issue_closure()
    {
        NormalizedEvent e = Single("issues", """ "action":"closed","issue":{"number":3,"closed_at":"2024-05-05T05:05:05Z"} """);

        Assert.Equal((IssueClosed, "42:issue:3:closed:20240505T050505Z"), (e.Kind, e.NaturalKey));
    }

    [Fact]
    public void Failed_status_keeps_context_and_lower_cased_state()
    {
        NormalizedEvent e = Single("status", """ "sha":"s1","context":"ci/build","state":"error","target_url":"https://ci/1" """);

        Assert.Equal("42:status:s1:ci/build:error", e.NaturalKey);
        Assert.Equal(PipelineOutcome.Failed, e.Details.Outcome);
        Assert.Equal("https://ci/1", e.HtmlUrl);
    }
}
