using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Feed;

/// <summary>
/// A token endpoint in front of the simulator's that holds each request until the test opens the gate, then passes
/// it on: a provider slow to answer a refresh, over real HTTP.
/// </summary>
internal sealed class SlowTokenEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _sim;
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SlowTokenEndpoint(WebApplication app, HttpClient sim)
    {
        _app = app;
        _sim = sim;
    }

    public string Url { get; private set; } = "";

    /// <summary>The simulator requests are passed on to (known only once the harness has started it).</summary>
    public string SimUrl { get; set; } = "";

    /// <summary>Completes when a token request has arrived and is being held.</summary>
    public Task Received => _received.Task;

    public void Open() => _gate.TrySetResult();

    public static async Task<SlowTokenEndpoint> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        var endpoint = new SlowTokenEndpoint(app, new HttpClient());
        app.MapPost("/{provider}/oauth/token", endpoint.HoldAndForwardAsync);
        await app.StartAsync();
        endpoint.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return endpoint;
    }

    private async Task HoldAndForwardAsync(HttpContext context, string provider)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        _received.TrySetResult();
        await _gate.Task.WaitAsync(context.RequestAborted);
        var content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Key, f.Value.ToString())));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{SimUrl}/{provider}/oauth/token") { Content = content };
        if (context.Request.Headers.Authorization is { Count: > 0 } auth)
        {
            request.Headers.TryAddWithoutValidation("Authorization", auth.ToString());
        }

        using var answer = await _sim.SendAsync(request, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await context.Response.Body.WriteAsync(await answer.Content.ReadAsByteArrayAsync(context.RequestAborted), context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        Open();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _sim.Dispose();
    }
}
