using IntegrationHub.Providers.Events;
using static IntegrationHub.Providers.Events.EventKind;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>Bitbucket Cloud and Data Center ref changes the fixtures do not cover: created and deleted branches and tags.</summary>
public sealed class BitbucketScenarioTests
{
    private const string CloudRepo = """ "repository":{"uuid":"{r-1}","full_name":"w/r"},"actor":{"nickname":"nick"} """;
    private const string DcRepo = """ "repository":{"id":3,"slug":"r","project":{"key":"P"}},"actor":{"name":"jdoe"} """;

    [Fact]
    public void Bitbucket_Cloud_push_of_a_new_branch_yields_branch_created_then_push()
    {
        NormalizationResult result = PayloadEdgeCaseTests.Normalize(ProviderKind.BitbucketCloud, "repo:push", $$$"""
            { {{{CloudRepo}}}, "push":{"changes":[{"created":true,"old":null,"new":{"type":"branch","name":"topic","target":{"hash":"n1"} } }]} }
            """);

        Assert.Equal(
            [(BranchCreated, "{r-1}:branch-created:topic:n1"), (Push, "{r-1}:push:refs/heads/topic:n1")],
            result.Events.Select(e => (e.Kind, e.NaturalKey)));
    }

    [Fact]
    public void Bitbucket_Cloud_push_closing_a_branch_and_adding_a_tag_yields_both()
    {
        NormalizationResult result = PayloadEdgeCaseTests.Normalize(ProviderKind.BitbucketCloud, "repo:push", $$$"""
            { {{{CloudRepo}}}, "push":{"changes":[
              {"closed":true,"new":null,"old":{"type":"branch","name":"old","target":{"hash":"o1"} } },
              {"created":true,"old":null,"new":{"type":"tag","name":"v1","target":{"hash":"t1"} } }]} }
            """);

        Assert.Equal(
            [(BranchDeleted, "{r-1}:branch-deleted:old:o1"), (TagCreated, "{r-1}:tag-created:v1:t1")],
            result.Events.Select(e => (e.Kind, e.NaturalKey)));
    }

    [Theory]
    [InlineData("FAILED", PipelineOutcome.Failed)]
    [InlineData("STOPPED", PipelineOutcome.Canceled)]
    public void Bitbucket_Cloud_final_statuses_are_status_changes(string state, PipelineOutcome outcome)
    {
        NormalizedEvent e = Assert.Single(PayloadEdgeCaseTests.Normalize(ProviderKind.BitbucketCloud, "repo:commit_status_updated", $$$"""
            { {{{CloudRepo}}}, "commit_status":{"key":"ci","state":"{{{state}}}","commit":{"hash":"c1"}} }
            """).Events);

        Assert.Equal($"{{r-1}}:status:c1:ci:{state.ToLowerInvariant()}", e.NaturalKey);
        Assert.Equal(outcome, e.Details.Outcome);
    }

    [Fact]
    public void Bitbucket_Data_Center_refs_changed_adds_branch_and_tag()
    {
        NormalizationResult result = PayloadEdgeCaseTests.Normalize(ProviderKind.BitbucketDataCenter, null, $$$"""
            { "eventKey":"repo:refs_changed", {{{DcRepo}}}, "changes":[
              {"refId":"refs/heads/topic","fromHash":"0000000000000000000000000000000000000000","toHash":"a1","type":"ADD"},
              {"refId":"refs/tags/v1","fromHash":"0000000000000000000000000000000000000000","toHash":"a1","type":"ADD"},
              {"refId":"refs/heads/main","fromHash":"m0","toHash":"m1","type":"UPDATE"}] }
            """);

        Assert.Equal(
            [(BranchCreated, "3:branch-created:topic:a1"), (Push, "3:push:refs/heads/topic:a1"), (TagCreated, "3:tag-created:v1:a1"), (Push, "3:push:refs/heads/main:m1")],
            result.Events.Select(e => (e.Kind, e.NaturalKey)));
        Assert.All(result.Events, e => Assert.Equal("P/r", e.Repository.FullPath));
    }

    [Fact]
    public void Bitbucket_Data_Center_pull_request_description_mentions_are_reported_on_open()
    {
        NormalizedEvent e = Assert.Single(PayloadEdgeCaseTests.Normalize(ProviderKind.BitbucketDataCenter, null, """
            { "eventKey":"pr:opened","actor":{"name":"jdoe"},
              "pullRequest":{"id":12,"title":"t","description":"@reviewer1 please","fromRef":{"latestCommit":"f1"},
                "toRef":{"repository":{"id":3,"slug":"r","project":{"key":"P"}}}} }
            """).Events);

        Assert.Equal("3:pr:12:opened", e.NaturalKey);
        Assert.Equal(["reviewer1"], e.Mentions);
    }
}
