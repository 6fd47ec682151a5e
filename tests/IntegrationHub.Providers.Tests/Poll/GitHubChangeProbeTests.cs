using IntegrationHub.Providers.GitHub;

namespace IntegrationHub.Providers.Tests.Poll;

/// <summary>Where the change probe sends its query: beside the REST root, as GitHub serves GraphQL.</summary>
public sealed class GitHubChangeProbeTests
{
    [Theory]
    [InlineData("https://api.github.com", "https://api.github.com/graphql")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5100/github/api/v3", "http://127.0.0.1:5100/github/api/graphql")]
    public void The_query_goes_to_the_graphql_endpoint_beside_the_rest_root(string restRoot, string expected) =>
        Assert.Equal(new Uri(expected), GitHubChangeProbe.GraphQlUrl(new Uri(restRoot)));
}
