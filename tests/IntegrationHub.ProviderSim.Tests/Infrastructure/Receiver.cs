using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.ProviderSim.Tests.Infrastructure;

/// <summary>A webhook receiver on its own Kestrel port: records every request and answers with <see cref="Status"/>.</summary>
internal sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private Receiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }
    public int Status { get; set; } = 200;
    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<Receiver> Start(int status = 200)
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        Receiver? self = null;
        app.MapPost("/{**path}", async (HttpContext c) =>
        {
            using var ms = new MemoryStream();
            await c.Request.Body.CopyToAsync(ms);
            var headers = c.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            self!.Requests.Enqueue(new ReceivedRequest(c.Request.Path, headers, ms.ToArray()));
            c.Response.StatusCode = self.Status;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new Receiver(app, address.TrimEnd('/') + "/hook") { Status = status };
        return self;
    }

    public IReadOnlyList<ReceivedRequest> WithHeader(string header, string value) =>
        Requests.Where(r => r.Headers.TryGetValue(header, out var v) && v == value).ToArray();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
