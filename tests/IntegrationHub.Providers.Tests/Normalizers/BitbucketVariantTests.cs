using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>Bitbucket Cloud and Data Center payloads with the repository, actor or times moved or missing, derived from the fixtures.</summary>
public sealed class BitbucketVariantTests
{
    private const ProviderKind Cloud = ProviderKind.BitbucketCloud;
    private const ProviderKind DataCenter = ProviderKind.BitbucketDataCenter;
    private const string CloudRepo = "{673a6070-3421-46c9-9d48-90745f7bfe8e}";

    [Fact]
    public void Derived_cloud_pull_request_without_repository_is_read_from_its_destination()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(Cloud, "bitbucket-cloud/pullrequest_created.json", p => p.Drop("repository"), "pullrequest:created"));

        Assert.Equal($"{CloudRepo}:pr:1:opened", e.NaturalKey);
        Assert.Equal("team_name/repo_name", e.Repository.FullPath);
    }

    [Fact]
    public void Derived_cloud_pull_request_without_actor_credits_its_author_only_for_the_opening()
    {
        NormalizedEvent opened = Variants.Single(Variants.Derived(Cloud, "bitbucket-cloud/pullrequest_created.json", p => p.Drop("actor"), "pullrequest:created"));
        NormalizedEvent merged = Variants.Single(Variants.Derived(Cloud, "bitbucket-cloud/pullrequest_fulfilled.json", p => p.Drop("actor"), "pullrequest:fulfilled"));

        Assert.Equal("emmap1", opened.Actor?.Login);
        Assert.Null(merged.Actor);
    }

    [Fact]
    public void Derived_cloud_comment_with_the_actor_as_comment_user_credits_that_user()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(Cloud, "bitbucket-cloud/pullrequest_comment_created.json",
            p => p.Move("actor", "comment.user"), "pullrequest:comment_created"));

        Assert.Equal($"{CloudRepo}:comment:17", e.NaturalKey);
        Assert.Equal("emmap1", e.Actor?.Login);
        Assert.Equal("Emma", e.Actor?.DisplayName);
    }

    [Fact]
    public void Derived_cloud_repository_without_full_name_takes_the_path_from_its_page()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(Cloud, "bitbucket-cloud/pullrequest_created.json", p =>
        {
            p.Drop("repository.full_name");
            p.Drop("pullrequest.destination.repository.full_name");
            p.At("repository.links.html")["href"] = "https://bitbucket.org/team_name/repo_name";
        }, "pullrequest:created"));

        Assert.Equal("team_name/repo_name", e.Repository.FullPath);
    }

    [Fact]
    public void Cloud_payload_with_a_full_name_but_no_uuid_anywhere_fails_naming_every_place()
    {
        // full_name changes on rename and is not what the hub files under: it is no stand-in for the UUID.
        NormalizationResult result = Variants.Derived(Cloud, "bitbucket-cloud/pullrequest_created.json", p =>
        {
            p.Drop("repository.uuid");
            p.Drop("pullrequest.destination.repository.uuid");
        }, "pullrequest:created");

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Equal("missing required field 'repository.uuid' (also looked in 'pullrequest.destination.repository.uuid')", result.Reason);
    }

    [Fact]
    public void Derived_data_center_opening_without_date_or_actor_takes_the_pull_requests_time_and_author()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(DataCenter, "bitbucket-server/pr_opened.json", p =>
        {
            p.Drop("date");
            p.Drop("actor");
        }));

        Assert.Equal("4:pr:5:opened", e.NaturalKey);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1551432675860), e.OccurredAt);
        Assert.Equal("gopher", e.Actor?.Login);
    }

    [Fact]
    public void Derived_data_center_comment_without_date_or_actor_takes_the_comments_time_and_author()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(DataCenter, "bitbucket-server/pr_comment_added.json", p =>
        {
            p.Drop("date");
            p.Drop("actor");
        }));

        Assert.Equal("4:comment:167", e.NaturalKey);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1551431315592), e.OccurredAt);
        Assert.Equal("gopher", e.Actor?.Login);
    }

    [Fact]
    public void Derived_data_center_decline_without_actor_stays_unattributed()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(DataCenter, "bitbucket-server/pr_declined.json", p => p.Drop("actor")));

        Assert.Null(e.Actor);
        Assert.Equal("4:pr:2:closed:20190301T091235Z", e.NaturalKey);
    }

    [Fact]
    public void Derived_data_center_repository_without_project_takes_the_path_from_its_personal_page()
    {
        NormalizationResult result = Variants.Derived(DataCenter, "bitbucket-server/repo_refs_changed.json", p => p.Drop("repository.project"));

        Assert.Equal(NormalizationStatus.Normalized, result.Status);
        Assert.All(result.Events, e => Assert.Equal("~gopher/webhook-test", e.Repository.FullPath));
        Assert.All(result.Events, e => Assert.Equal("4", e.Repository.ExternalId));
    }

    [Fact]
    public void Data_center_pull_request_without_its_target_repository_fails_naming_it()
    {
        NormalizationResult result = Variants.Derived(DataCenter, "bitbucket-server/pr_opened.json", p => p.Drop("pullRequest.toRef.repository"));

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Equal("missing required field 'pullRequest.toRef.repository'", result.Reason);
    }

    [Fact]
    public void Data_center_repository_with_no_path_anywhere_fails_naming_every_place()
    {
        NormalizationResult result = Variants.Derived(DataCenter, "bitbucket-server/repo_refs_changed.json", p =>
        {
            p.Drop("repository.project");
            p.Drop("repository.links");
        });

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Equal("missing required field 'repository.project.key' (also looked in 'repository.slug', 'repository.links.self')", result.Reason);
    }
}
