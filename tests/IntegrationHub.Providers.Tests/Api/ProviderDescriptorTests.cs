using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.AzureDevOps;
using IntegrationHub.Providers.BitbucketCloud;
using IntegrationHub.Providers.BitbucketDataCenter;
using IntegrationHub.Providers.GitHub;
using IntegrationHub.Providers.GitLab;

namespace IntegrationHub.Providers.Tests.Api;

public sealed class ProviderDescriptorTests
{
    [Fact]
    public void GitHub_dot_com_uses_the_api_host_and_github_oauth()
    {
        ProviderEndpoints e = GitHubDescriptor.Instance.EndpointsFor(null);
        Assert.Equal("https://api.github.com/", e.ApiRoot.AbsoluteUri);
        Assert.Equal("https://github.com/login/oauth/authorize", e.AuthorizeUrl!.AbsoluteUri);
        Assert.Equal("https://github.com/login/oauth/access_token", e.TokenUrl!.AbsoluteUri);
        Assert.Equal(e, GitHubDescriptor.Instance.EndpointsFor(new Uri("https://github.com/")));
    }

    [Fact]
    public void GitHub_Enterprise_Server_lives_under_its_base_url()
    {
        ProviderEndpoints e = GitHubDescriptor.Instance.EndpointsFor(new Uri("https://ghes.example.com/"));
        Assert.Equal("https://ghes.example.com/api/v3", e.ApiRoot.AbsoluteUri);
        Assert.Equal("https://ghes.example.com/login/oauth/authorize", e.AuthorizeUrl!.AbsoluteUri);
        Assert.Equal("https://ghes.example.com/login/oauth/access_token", e.TokenUrl!.AbsoluteUri);
    }

    [Fact]
    public void Self_managed_GitLab_keeps_its_base_path()
    {
        ProviderEndpoints e = GitLabDescriptor.Instance.EndpointsFor(new Uri("https://git.example.com/gitlab/"));
        Assert.Equal("https://git.example.com/gitlab/api/v4", e.ApiRoot.AbsoluteUri);
        Assert.Equal("https://git.example.com/gitlab/oauth/authorize", e.AuthorizeUrl!.AbsoluteUri);
        Assert.Equal("https://git.example.com/gitlab/oauth/token", e.TokenUrl!.AbsoluteUri);
        Assert.Equal("https://git.example.com/gitlab/oauth/revoke", e.RevokeUrl!.AbsoluteUri);
        Assert.Equal("https://gitlab.com/api/v4", GitLabDescriptor.Instance.EndpointsFor(null).ApiRoot.AbsoluteUri);
    }

    [Fact]
    public void Bitbucket_org_uses_api_host_and_a_custom_base_serves_both()
    {
        ProviderEndpoints cloud = BitbucketCloudDescriptor.Instance.EndpointsFor(new Uri("https://bitbucket.org"));
        Assert.Equal("https://api.bitbucket.org/2.0", cloud.ApiRoot.AbsoluteUri);
        Assert.Equal("https://bitbucket.org/site/oauth2/authorize", cloud.AuthorizeUrl!.AbsoluteUri);
        Assert.Equal("https://bitbucket.org/site/oauth2/access_token", cloud.TokenUrl!.AbsoluteUri);

        ProviderEndpoints sim = BitbucketCloudDescriptor.Instance.EndpointsFor(new Uri("http://127.0.0.1:5090/bitbucket-cloud"));
        Assert.Equal("http://127.0.0.1:5090/bitbucket-cloud/2.0", sim.ApiRoot.AbsoluteUri);
        Assert.Equal("http://127.0.0.1:5090/bitbucket-cloud/site/oauth2/access_token", sim.TokenUrl!.AbsoluteUri);
    }

    [Fact]
    public void Bitbucket_DC_has_no_public_instance_and_Azure_needs_an_organization()
    {
        Assert.Throws<ArgumentException>(() => BitbucketDataCenterDescriptor.Instance.EndpointsFor(null));
        Assert.Equal("https://bb.example.com/rest/api/1.0", BitbucketDataCenterDescriptor.Instance.EndpointsFor(new Uri("https://bb.example.com")).ApiRoot.AbsoluteUri);
        Assert.Throws<ArgumentException>(() => AzureDevOpsDescriptor.Instance.EndpointsFor(null));
        Assert.Equal("https://dev.azure.com/fabrikam/_apis", AzureDevOpsDescriptor.Instance.EndpointsFor(new Uri("https://dev.azure.com/fabrikam/")).ApiRoot.AbsoluteUri);
        Assert.Equal("https://tfs.example.com/tfs/DefaultCollection/_apis", AzureDevOpsDescriptor.Instance.EndpointsFor(new Uri("https://tfs.example.com/tfs/DefaultCollection")).ApiRoot.AbsoluteUri);
    }

    [Fact]
    public void Every_kind_has_a_descriptor_with_its_data()
    {
        foreach (ProviderKind kind in Enum.GetValues<ProviderKind>())
        {
            ProviderDescriptor d = ProviderCatalog.For(kind).Descriptor;
            Assert.Equal(kind, d.Kind);
            Assert.NotEmpty(d.Scopes);
            Assert.NotEmpty(d.DefaultHookEvents);
        }

        Assert.Equal(["repo", "admin:repo_hook", "read:user"], GitHubDescriptor.Instance.Scopes);
        Assert.Equal(["api", "read_user", "read_api"], GitLabDescriptor.Instance.Scopes);
        Assert.True(GitLabDescriptor.Instance.RefreshTokensSingleUse);
        Assert.Equal(TimeSpan.FromHours(2), GitLabDescriptor.Instance.AccessTokenLifetime);
        Assert.Equal(ApiAuthScheme.BasicPat, AzureDevOpsDescriptor.Instance.ApiAuth);
        Assert.Equal("RateLimit-Remaining", GitLabDescriptor.Instance.RateLimitHeaders.Remaining);
        Assert.Contains("repo:commit_status_updated", BitbucketCloudDescriptor.Instance.DefaultHookEvents);
        Assert.False(BitbucketDataCenterDescriptor.Instance.SupportsOAuth);
    }

    [Fact]
    public void Secrets_never_appear_in_ToString()
    {
        string text = string.Join(' ',
            new ProviderConnectionInfo(null, "tok-SECRET-1"),
            new HookSpec(new Uri("https://hub/hooks/github/1"), "hook-SECRET-2", ["push"]),
            new OAuthClientCredentials("client", "client-SECRET-3"),
            new OAuthTokens("access-SECRET-4", "refresh-SECRET-5", null, ["api"], "bearer"));
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
    }
}
