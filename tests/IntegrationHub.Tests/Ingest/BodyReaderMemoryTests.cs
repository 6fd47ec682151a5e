using IntegrationHub.Providers;
using IntegrationHub.WebhookIntake;
using Microsoft.AspNetCore.Http;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// Memory follows the bytes that arrived, not the Content-Length a client declares: measured as the bytes the body reader
/// allocates on the test's thread, with bodies that complete every read synchronously (so the reader never leaves the thread).
/// A declared length over the limit is refused before reading (<see cref="IngressBodyLimitTests"/>); these are the lengths
/// within it, where trusting the declaration would let each request reserve the whole limit for a few bytes sent.
/// </summary>
public sealed class BodyReaderMemoryTests
{
    private const long MiB = 1024 * 1024;

    private static readonly int GitHubLimit = ProviderCatalog.For(ProviderKind.GitHub).Webhook.MaxBodyBytes;

    [Fact]
    public async Task A_body_declaring_25_MiB_that_sends_1_KB_allocates_for_the_1_KB()
    {
        var body = new InstantBody(1024);
        var http = Post(body, declared: 25 * MiB);

        var (read, allocated) = Measure(http);

        Assert.True(allocated < MiB, $"{allocated} bytes allocated for 1 KB received (25 MiB declared)");
        Assert.Equal(1024, (await read)!.Length);
    }

    [Fact]
    public async Task An_endless_chunked_body_is_cut_at_the_limit_allocating_at_most_twice_the_limit()
    {
        var body = new InstantBody(long.MaxValue);
        var http = Post(body, declared: null);

        var (read, allocated) = Measure(http);

        Assert.Null(await read);
        Assert.True(body.Taken <= GitHubLimit + 64 * 1024, $"{body.Taken} bytes read from a body limited to {GitHubLimit}");
        Assert.True(allocated < 2L * GitHubLimit, $"{allocated} bytes allocated to refuse a body limited to {GitHubLimit}");
    }

    [Fact]
    public async Task A_chunked_body_at_the_limit_is_read_whole_allocating_at_most_twice_its_size()
    {
        var body = new InstantBody(GitHubLimit);
        var http = Post(body, declared: null);

        var (read, allocated) = Measure(http);

        Assert.Equal(GitHubLimit, (await read)!.Length);
        Assert.True(allocated < 2L * GitHubLimit + MiB, $"{allocated} bytes allocated to read {GitHubLimit}");
    }

    private static (Task<byte[]?> Read, long Allocated) Measure(HttpContext http)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var read = BodyReader.ReadAsync(http.Request, GitHubLimit, CancellationToken.None);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Completed here means every await continued synchronously on this thread, so the measure saw all of it.
        Assert.True(read.IsCompleted, "the read went asynchronous; its allocations would escape the measure");
        return (read, allocated);
    }

    private static DefaultHttpContext Post(Stream body, long? declared)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentLength = declared;
        http.Request.Body = body;
        return http;
    }
}
