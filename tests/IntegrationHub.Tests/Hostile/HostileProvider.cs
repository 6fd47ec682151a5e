using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Hostile;

/// <summary>
/// A server a tenant could point a self-hosted connection at: it answers every request one hostile way.
/// </summary>
public sealed class HostileProvider : IAsyncDisposable
{
    private const long Gibibyte = 1L << 30;
    private readonly WebApplication _app;
    private long _lastRepositoryId;

    private HostileProvider(WebApplication app, HostileMode mode)
    {
        _app = app;
        Mode = mode;
    }

    public HostileMode Mode { get; }
    public string Url { get; private set; } = "";

    public static async Task<HostileProvider> StartAsync(HostileMode mode)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var provider = new HostileProvider(app, mode);
        app.Run(provider.AnswerAsync);
        await app.StartAsync();
        provider.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        try
        {
            if (Mode == HostileMode.Stall)
            {
                await Task.Delay(Timeout.Infinite, ct);
                return;
            }

            if (Mode == HostileMode.Shifting)
            {
                await NewRepositoriesAsync(context, ct);
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.StartAsync(ct);
            byte[] chunk = new byte[Mode == HostileMode.Oversize ? 64 * 1024 : 1];
            Array.Fill(chunk, (byte)' ');
            chunk[0] = (byte)'[';
            for (long total = 0; total < Gibibyte; total += chunk.Length)
            {
                // Kestrel drops writes to a connection the client closed without failing them: stop at the first sign of it.
                var flushed = await context.Response.BodyWriter.WriteAsync(chunk, ct);
                if (flushed.IsCompleted || flushed.IsCanceled || ct.IsCancellationRequested)
                {
                    return;
                }

                if (Mode == HostileMode.Trickle)
                {
                    await Task.Delay(300, ct);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
            // The hub hung up, as it should.
        }
    }

    /// <summary>A page of 100 repositories with ids never handed out before, and a link to yet another page.</summary>
    private async Task NewRepositoriesAsync(HttpContext context, CancellationToken ct)
    {
        var page = Enumerable.Range(0, 100).Select(_ => Interlocked.Increment(ref _lastRepositoryId))
            .Select(id => new { id, full_name = $"hostile/repo-{id}", default_branch = "main", @private = true });
        context.Response.Headers["Link"] = $"<{Url}/api/v3/user/repos?page={Guid.NewGuid():N}>; rel=\"next\"";
        await context.Response.WriteAsJsonAsync(page, ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
