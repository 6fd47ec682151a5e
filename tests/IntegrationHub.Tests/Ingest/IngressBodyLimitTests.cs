using System.Net;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Bounded memory under large or slow uploads, shown by behaviour over real sockets (Kestrel): a declared Content-Length over
/// the provider's limit is answered 413 before a byte of the body is sent (so nothing of its size was allocated), and a
/// chunked body trickled without end is cut off near the limit (the server stopped reading there and closed the connection).
/// What is allocated for a declared length within the limit, or for a chunked body, is measured in <see cref="BodyReaderMemoryTests"/>.
/// </summary>
public sealed class IngressBodyLimitTests : IAsyncLifetime
{
    private HubWorld _world = null!;
    private HttpClient _client = null!;

    // Bitbucket Cloud's limit (it drops anything over 256 KB itself).
    private const long Limit = 1024 * 1024;

    [Fact]
    public async Task A_huge_declared_content_length_is_answered_413_before_the_body_is_read()
    {
        var hook = await HookAsync();
        // Expect: 100-continue, as large uploads send it: the client sends the body only once the server starts reading it.
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = _client.BaseAddress };
        var body = new TrickleContent(declaredLength: 20L * 1024 * 1024 * 1024);
        var request = Request(hook, body);
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, body.Sent);
        await _world.FlushRejectionsAsync();
        Assert.Equal(1, await _world.CountAsync("SELECT count FROM delivery_rejections WHERE hook_id = $1 AND reason = 'oversized'", hook.Id));
    }

    [Fact]
    public async Task A_trickled_chunked_body_without_end_is_cut_at_the_limit()
    {
        var hook = await HookAsync();

        var (status, sent) = await RawChunkedUpload.SendAsync(_client.BaseAddress!, hook.Path, Headers(hook), cap: 128L * 1024 * 1024);

        Assert.StartsWith("HTTP/1.1 413", status);
        // The server read up to the limit and answered; the rest is what the loopback socket buffers took meanwhile.
        Assert.True(sent < 32L * 1024 * 1024, $"{sent} bytes were taken from a body limited to {Limit}");
        Assert.Equal(0, await _world.CountAsync("SELECT count(*) FROM deliveries WHERE hook_id = $1", hook.Id));
    }

    [Fact]
    public async Task A_body_just_under_the_limit_sent_slowly_in_chunks_is_read_whole()
    {
        var hook = await HookAsync();
        var body = new TrickleContent(declaredLength: Limit - 8192);

        var response = await SendAsync(hook, body);

        // Read whole and verified: the signature (over nothing we signed) fails, which is only possible after reading it all.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(Limit - 8192, body.Sent);
    }

    public async Task InitializeAsync()
    {
        // The web host on Kestrel (real sockets), not the test server: started here rather than by the world.
        _world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        _world.Hub.UseKestrel(0);
        _world.Hub.StartServer();
        string address = _world.Hub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _world.DisposeAsync();
    }

    private async Task<TestHook> HookAsync()
    {
        var tenant = await _world.TenantAsync("Body " + Guid.NewGuid().ToString("n")[..6]);
        return await _world.SignedHookAsync(tenant, "bitbucket-cloud", SignedDeliveries.NewSecret(Scheme.BitbucketCloud));
    }

    private Task<HttpResponseMessage> SendAsync(TestHook hook, HttpContent body) =>
        _client.SendAsync(Request(hook, body), HttpCompletionOption.ResponseHeadersRead);

    private static HttpRequestMessage Request(TestHook hook, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, hook.Path) { Content = body };
        foreach (var (name, value) in Headers(hook))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>Bitbucket Cloud's headers, signed over a body other than the one sent: only a body read whole can fail verification.</summary>
    private static Dictionary<string, string> Headers(TestHook hook) => new()
    {
        ["X-Event-Key"] = "repo:push",
        ["X-Request-UUID"] = Guid.NewGuid().ToString(),
        ["X-Hub-Signature"] = SignedDeliveries.HexSignature(hook.Secret, "{}"u8.ToArray()),
    };
}
