using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace IntegrationHub.Tests.Outbound;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (a random port) that records every webhook and answers as the test scripts it:
/// queued answers first, then <see cref="Default"/>.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceiverAnswer> _script = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public ReceiverAnswer Default { get; set; } = ReceiverAnswer.Ok;

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", (Delegate)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = address.TrimEnd('/') + "/hooks/in?token=abc";
        return receiver;
    }

    public void Then(params ReceiverAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _script.Enqueue(answer);
        }
    }

    /// <summary>Waits (real time, generous) until <paramref name="count"/> webhooks have arrived.</summary>
    public async Task<ReceivedWebhook[]> WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Received.Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
        }

        return [.. Received];
    }

    /// <summary>The Standard Webhooks package's own check (signature and timestamp tolerance); throws when it refuses.</summary>
    public static void Verify(ReceivedWebhook webhook, string secret) => new StandardWebhook(secret).Verify(webhook.Body, webhook.Headers);

    /// <summary>
    /// As a spec-following receiver checks a header with several signatures (a rotation's grace): any one may match.
    /// StandardWebhooks 1.1.2's Verify looks only at the first, so each is given to it on its own; throws when none matches.
    /// </summary>
    public static void VerifyAny(ReceivedWebhook webhook, string secret)
    {
        var failures = new List<Exception>();
        foreach (string signature in webhook.Signature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var headers = new HeaderDictionary();
            foreach (var (key, value) in webhook.Headers)
            {
                headers[key] = value;
            }

            headers["webhook-signature"] = signature;
            try
            {
                new StandardWebhook(secret).Verify(webhook.Body, headers);
                return;
            }
            catch (StandardWebhooks.Diagnostics.WebhookVerificationException e)
            {
                failures.Add(e);
            }
        }

        throw new AggregateException("No signature matches this secret.", failures);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The status line and headers reach the sender; the body it was promised never does.</summary>
    private static async Task BrokenAnswerAsync(HttpContext http, ReceiverAnswer answer)
    {
        http.Response.StatusCode = answer == ReceiverAnswer.FailThenBreak ? 500 : 200;
        http.Response.ContentType = "text/plain";
        http.Response.ContentLength = 1000;
        await http.Response.WriteAsync("partial", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        try
        {
            // Lets the sender read the headers before the connection goes (a stall waits for the sender's timeout).
            await Task.Delay(answer == ReceiverAnswer.OkThenStall ? TimeSpan.FromSeconds(60) : TimeSpan.FromMilliseconds(200), http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }

        http.Abort();
    }

    private async Task<IResult> HandleAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        string body = await reader.ReadToEndAsync(http.RequestAborted);
        var headers = new HeaderDictionary();
        foreach (var (key, value) in http.Request.Headers)
        {
            headers[key] = value;
        }

        Received.Enqueue(new ReceivedWebhook(http.Request.Path + http.Request.QueryString, headers, body));
        var answer = _script.TryDequeue(out var next) ? next : Default;
        switch (answer)
        {
            case ReceiverAnswer.Hang:
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(60), http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return Results.Ok();
            case ReceiverAnswer.Fail:
                return Results.Text("boom: the receiver is down", "text/plain", statusCode: 500);
            case ReceiverAnswer.OkThenBreak or ReceiverAnswer.FailThenBreak or ReceiverAnswer.OkThenStall:
                await BrokenAnswerAsync(http, answer);
                return Results.Empty;
            case ReceiverAnswer.TooMany:
                http.Response.Headers.RetryAfter = "120";
                return Results.Text("slow down", "text/plain", statusCode: 429);
            default:
                return Results.Text("thanks", "text/plain", statusCode: 200);
        }
    }
}
