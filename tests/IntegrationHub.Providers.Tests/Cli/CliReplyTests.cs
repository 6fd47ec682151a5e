using System.Net;
using System.Text.Json;
using IntegrationHub.Cli;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Cli;

/// <summary>
/// <c>ihub reply</c> and <c>ihub events</c> against canned hub answers: what is sent, what is printed. The same commands
/// run against the real hub in IntegrationHub.Tests (Cli); here are the answers a test hub cannot easily give.
/// </summary>
public sealed class CliReplyTests
{
    private const string Hub = "http://hub.test";

    [Fact]
    public async Task Reply_posts_the_text_policy_and_idempotency_key_and_prints_where_it_landed()
    {
        var http = new CannedHttp().On(HttpMethod.Post, Hub + "/api/v1/events/42/reply", HttpStatusCode.Created,
            """{"id":"901","url":"http://sim.test/octo/repo/pull/7#issuecomment-901","target":"pull_request","number":7,"sha":null}""");

        var (exit, stdout, stderr) = await RunAsync(http, ["reply", "42", "Thanks, **looking**.", "--policy", "issue,pull_request", "--idempotency-key", "run-1"]);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", stderr);
        Assert.Equal("Replied on pull_request #7: http://sim.test/octo/repo/pull/7#issuecomment-901 (comment 901)", stdout.Trim());
        var sent = http.Single(HttpMethod.Post, Hub + "/api/v1/events/42/reply");
        Assert.Equal("Bearer ihub_canned", sent.Headers["Authorization"]);
        Assert.Equal("run-1", sent.Headers["Idempotency-Key"]);
        using var body = JsonDocument.Parse(sent.Body!);
        Assert.Equal("Thanks, **looking**.", body.RootElement.GetProperty("body").GetString());
        Assert.Equal(["issue", "pull_request"], body.RootElement.GetProperty("policy").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Rate_limited_reply_says_when_to_try_again()
    {
        var http = new CannedHttp().On(HttpMethod.Post, Hub + "/api/v1/events/42/reply", (HttpStatusCode)429,
            """{"title":"Too Many Requests","status":429,"detail":"GitHub rate-limited the connection."}""", ("Retry-After", "120"));

        var (exit, stdout, stderr) = await RunAsync(http, ["reply", "42", "hi"]);

        Assert.Equal(ExitCodes.HubRefused, exit);
        Assert.Equal("", stdout);
        Assert.Contains("rate limited (429): GitHub rate-limited the connection. Try again in 120 s.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_policy_target_is_a_usage_error_and_sends_nothing()
    {
        var http = new CannedHttp();

        var (exit, _, stderr) = await RunAsync(http, ["reply", "42", "hi", "--policy", "pull_request,wiki"]);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("not 'wiki'", stderr, StringComparison.Ordinal);
        Assert.Empty(http.Requests);
    }

    [Fact]
    public async Task Unreachable_hub_is_reported_with_its_own_exit_code()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        int exit = await CliApp.RunAsync(["events", "--hub", "http://127.0.0.1:9", "--key", "ihub_canned"], null, stdout, stderr,
            new TestClock(), _ => null, handler: null, CancellationToken.None);

        Assert.Equal(ExitCodes.Unreachable, exit);
        Assert.Contains("cannot reach the hub at http://127.0.0.1:9/", stderr.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(CannedHttp http, string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var env = new Dictionary<string, string?> { ["IHUB_URL"] = Hub, ["IHUB_API_KEY"] = "ihub_canned" };
        int exit = await CliApp.RunAsync(args, null, stdout, stderr, new TestClock(), n => env.GetValueOrDefault(n), http, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
