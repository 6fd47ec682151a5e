using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>GitHub payloads with the repository, sender or times moved or missing, derived from the octokit fixtures.</summary>
public sealed class GitHubVariantTests
{
    private const ProviderKind GitHub = ProviderKind.GitHub;

    [Fact]
    public void Derived_pull_request_without_repository_is_read_from_its_base_repo()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitHub, "github/pull_request.opened.json", p => p.Drop("repository"), "pull_request"));

        Assert.Equal("186853002:pr:2:opened", e.NaturalKey);
        Assert.Equal("Codertocat/Hello-World", e.Repository.FullPath);
        Assert.Equal("https://github.com/Codertocat/Hello-World", e.Repository.HtmlUrl);
    }

    [Fact]
    public void Derived_workflow_run_without_repository_is_read_from_the_runs_repository()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitHub, "github/workflow_run.completed.success.json", p =>
        {
            p.Drop("repository");
            p.Drop("sender");
        }, "workflow_run"));

        Assert.Equal("300029405:pipeline:289782451:completed", e.NaturalKey);
        Assert.Equal("octo-org/octo-repo", e.Repository.FullPath);
        Assert.Equal("Codertocat", e.Actor?.Login);
    }

    [Fact]
    public void Derived_push_without_sender_or_full_name_takes_the_pusher_and_owner_and_name()
    {
        NormalizationResult result = Variants.Derived(GitHub, "github/push.json", p =>
        {
            p.Drop("sender");
            p.Drop("repository.full_name");
        }, "push");

        NormalizedEvent e = Variants.Single(result);
        Assert.Equal("Codertocat", e.Actor?.Login);
        Assert.Equal("Codertocat/Hello-World", e.Repository.FullPath);
    }

    [Fact]
    public void Derived_push_with_pushed_at_as_iso_text_keeps_the_push_time()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitHub, "github/push.json",
            p => p.At("repository")["pushed_at"] = "2019-05-15T15:20:57Z", "push"));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1557933657), e.OccurredAt);
    }

    [Fact]
    public void Derived_comment_without_sender_credits_the_comments_author()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitHub, "github/pull_request_review_comment.created.json",
            p => p.Drop("sender"), "pull_request_review_comment"));

        Assert.Equal("186853002:comment:284312630", e.NaturalKey);
        Assert.Equal("Codertocat", e.Actor?.Login);
    }

    [Fact]
    public void Derived_close_without_closed_at_is_stamped_updated_at_not_the_receive_time()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitHub, "github/pull_request.closed.json",
            p => p.At("pull_request")["closed_at"] = null, "pull_request"));

        Assert.Equal("186853002:pr:2:closed:20190515T152118Z", e.NaturalKey);
    }

    [Fact]
    public void Derived_close_without_sender_stays_unattributed_rather_than_crediting_the_author()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(GitHub, "github/pull_request.closed.json", p => p.Drop("sender"), "pull_request"));

        Assert.Null(e.Actor);
    }

    [Fact]
    public void Payload_with_no_repository_id_anywhere_fails_naming_every_place()
    {
        NormalizationResult result = Variants.Derived(GitHub, "github/pull_request.opened.json", p =>
        {
            p.Drop("repository.id");
            p.Drop("pull_request.base.repo.id");
        }, "pull_request");

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Equal("missing required field 'repository.id' (also looked in 'pull_request.base.repo.id', 'workflow_run.repository.id')", result.Reason);
    }
}
