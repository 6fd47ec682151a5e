using System.Net;
using Microsoft.AspNetCore.Builder;

namespace IntegrationHub.Tests.World;

/// <summary>A hub process as the single-machine default runs it (web host and worker in one) on a real loopback port.</summary>
public sealed class WebNode(WebApplication app, string url)
{
    public WebApplication App { get; } = app;

    /// <summary>Where the node listens, which is also its public base URL (hook URLs, the connect page).</summary>
    public string Url { get; } = url;

    public IServiceProvider Services => App.Services;

    /// <summary>A browser of this node over real HTTP: cookies kept, redirects not followed.</summary>
    public HttpClient Browser() => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(Url),
    };
}
