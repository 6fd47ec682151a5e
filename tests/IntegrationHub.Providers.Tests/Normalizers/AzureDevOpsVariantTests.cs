using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>Azure DevOps payloads without their repository object: the id comes from the REST url, artifactId or a comment's links.</summary>
public sealed class AzureDevOpsVariantTests
{
    private const ProviderKind Azure = ProviderKind.AzureDevOps;

    [Fact]
    public void Real_pull_request_delivery_is_read_as_it_came()
    {
        NormalizedEvent e = Variants.Single(Variants.File(Azure, "azure-devops/git.pullrequest.created.real-2025.json"));

        Assert.Equal("801d272d-36b5-4f23-9674-01aa63f48ce8:pr:148:opened", e.NaturalKey);
        Assert.Equal("sso/authservice", e.Repository.FullPath);
    }

    [Fact]
    public void Real_pull_request_without_repository_or_url_is_read_from_its_artifact_id()
    {
        NormalizedEvent e = Variants.Single(Variants.DerivedFromVariant(Azure, "azure-devops/git.pullrequest.created.real-2025.json",
            p =>
            {
                p.Drop("resource.repository");
                p.Drop("resource.url");
            }));

        Assert.Equal("801d272d-36b5-4f23-9674-01aa63f48ce8:pr:148:opened", e.NaturalKey);
        // Without the object only the id is known: it stands in for the path, which is for people to read.
        Assert.Equal("801d272d-36b5-4f23-9674-01aa63f48ce8", e.Repository.FullPath);
    }

    [Fact]
    public void Derived_push_without_repository_is_read_from_its_rest_url()
    {
        NormalizationResult result = Variants.Derived(Azure, "azure-devops/git.push.json", p => p.Drop("resource.repository"));

        Assert.Equal(NormalizationStatus.Normalized, result.Status);
        Assert.All(result.Events, e => Assert.Equal("278d5cd2-584d-4b63-824a-2ba458937249", e.Repository.ExternalId));
        Assert.All(result.Events, e => Assert.Equal(@"Windows Live ID\fabrikamfiber4@hotmail.com", e.Actor?.Login));
    }

    [Fact]
    public void Derived_pull_request_without_repository_is_read_from_its_rest_url()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(Azure, "azure-devops/git.pullrequest.created.json", p => p.Drop("resource.repository")));

        Assert.Equal("4bc14d40-c903-45e2-872e-0462c7748079:pr:1:opened", e.NaturalKey);
    }

    [Fact]
    public void Derived_comment_without_pull_request_repository_or_url_is_read_from_the_comments_repository_link()
    {
        NormalizedEvent e = Variants.Single(Variants.Derived(Azure, "azure-devops/ms.vss-code.git-pullrequest-comment-event.drone-go-scm.json", p =>
        {
            p.Drop("resource.pullRequest.repository");
            p.Drop("resource.pullRequest.url");
        }));

        Assert.Equal("4bc14d40-c903-45e2-872e-0462c7748079:comment:1/5/2", e.NaturalKey);
    }

    [Theory]
    [InlineData("https://dev.azure.com/o/DefaultCollection/_apis/repos/git/repositories/278D5CD2-584D-4B63-824A-2BA458937249/pushes/14", "278d5cd2-584d-4b63-824a-2ba458937249")]
    [InlineData("https://dev.azure.com/o/p/_apis/git/repositories/my-repo-name/pullRequests/1", null)]
    [InlineData("https://dev.azure.com/o/DefaultCollection/71777fbc-1cf2-4bd1-9540-128c1c71f766/_apis/build-release/Builds/2", null)]
    [InlineData(null, null)]
    public void Repository_id_is_read_only_as_a_guid_after_repositories(string? url, string? id) =>
        Assert.Equal(id, AzureDevOpsContext.FromRestUrl(url));

    [Fact]
    public void Pull_request_with_no_repository_anywhere_fails_naming_every_place()
    {
        NormalizationResult result = Variants.Derived(Azure, "azure-devops/git.pullrequest.created.json", p =>
        {
            p.Drop("resource.repository");
            p.Drop("resource.url");
        });

        Assert.Equal(NormalizationStatus.Invalid, result.Status);
        Assert.Equal("missing required field 'resource.repository' (also looked in 'resource.artifactId', 'resource.url')", result.Reason);
    }
}
