using System.Net;
using System.Text;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Events;
using IntegrationHub.Providers.Poll;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Normalizers;

/// <summary>
/// A provider API that answers the listed paths with canned JSON and every other GET with the provider's empty list, so a
/// key test states only the resource it is about and keeps passing while the poll readers learn new streams or pages.
/// </summary>
internal sealed class PollStub(ProviderKind provider) : HttpMessageHandler
{
    private readonly List<(string PathEnd, string Json)> _answers = [];

    public PollStub On(string pathEnd, string json)
    {
        _answers.Add((pathEnd, json));
        return this;
    }

    /// <summary>Runs one poll from <paramref name="cursors"/> (none: first look), watching since a day before <see cref="TestClock.Start"/>.</summary>
    public async Task<IReadOnlyList<NormalizedEvent>> PollAsync(RepositoryRef repository, Dictionary<string, PollStreamCursor>? cursors = null)
    {
        using var http = new HttpClient(this, disposeHandler: false);
        Uri? baseUrl = provider switch
        {
            ProviderKind.BitbucketDataCenter => new Uri("https://bitbucket.example.com"),
            ProviderKind.AzureDevOps => new Uri("https://dev.azure.com/fabrikam"),
            _ => null,
        };
        IPollReader reader = ProviderCatalog.For(provider).CreatePollReader(http, new ProviderConnectionInfo(baseUrl, "t0ken"), new TestClock());
        PollReadResult result = await reader.ReadAsync(
            new PollReadRequest(repository, cursors ?? [], TestClock.Start.AddDays(-1)), CancellationToken.None);
        Assert.Null(result.Failure);
        return result.Events;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal(HttpMethod.Get, request.Method);
        string path = request.RequestUri!.AbsolutePath;
        string json = _answers.LastOrDefault(a => path.EndsWith(a.PathEnd, StringComparison.Ordinal)).Json ?? Empty(path);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
            RequestMessage = request,
        });
    }

    private string Empty(string path) => provider switch
    {
        ProviderKind.GitHub when path.EndsWith("/actions/runs", StringComparison.Ordinal) => """{"total_count":0,"workflow_runs":[]}""",
        ProviderKind.GitHub or ProviderKind.GitLab => "[]",
        ProviderKind.BitbucketCloud => """{"values":[]}""",
        ProviderKind.BitbucketDataCenter => """{"values":[],"isLastPage":true}""",
        _ => """{"count":0,"value":[]}""",
    };
}
