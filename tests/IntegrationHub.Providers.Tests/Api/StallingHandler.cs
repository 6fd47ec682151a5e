namespace IntegrationHub.Providers.Tests.Api;

/// <summary>A provider that accepts the request and never answers: the call must give up by itself.</summary>
internal sealed class StallingHandler : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
