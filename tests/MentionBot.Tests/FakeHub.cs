using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MentionBot.Tests;

/// <summary>
/// A stand-in for the hub's <c>POST /api/v1/events/{id}/reply</c> on a real port: to the bot the hub is an outside party,
/// reached over HTTP only. Records every request, and can answer the next ones with a failure first.
/// </summary>
internal sealed class FakeHub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(int Status, int? RetryAfter)> _failures = new();

    private FakeHub(WebApplication app) => _app = app;

    public ConcurrentQueue<ReplyRequest> Requests { get; } = new();
    public string Url { get; private set; } = "";

    public static async Task<FakeHub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        var app = builder.Build();
        var hub = new FakeHub(app);
        app.MapPost("/api/v1/events/{id:long}/reply", async (long id, HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            string body = await reader.ReadToEndAsync();
            hub.Requests.Enqueue(new ReplyRequest(id, request.Headers.Authorization.ToString(), request.Headers["Idempotency-Key"].ToString(), body));
            if (hub._failures.TryDequeue(out var failure))
            {
                if (failure.RetryAfter is { } seconds)
                {
                    request.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                return Results.Problem(detail: "Slow down.", statusCode: failure.Status);
            }

            return Results.Json(new { id = $"c{id}", url = $"https://example.test/c{id}", target = "pull_request", number = 1, sha = (string?)null }, statusCode: 201);
        });
        await app.StartAsync();
        hub.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return hub;
    }

    public void FailNext(int status, int? retryAfterSeconds = null) => _failures.Enqueue((status, retryAfterSeconds));

    public IReadOnlyList<ReplyRequest> For(long eventId) => Requests.Where(r => r.EventId == eventId).ToList();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
