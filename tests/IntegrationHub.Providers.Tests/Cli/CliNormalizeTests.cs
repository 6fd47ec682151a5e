using System.Text;
using System.Text.Json;
using IntegrationHub.Cli;
using IntegrationHub.Providers.Tests.Api;

namespace IntegrationHub.Providers.Tests.Cli;

/// <summary><c>ihub normalize</c> run in-process: a payload on stdin, JSON or a clear error out, and the documented exit codes.</summary>
public sealed class CliNormalizeTests
{
    [Fact]
    public void Normalizes_a_github_push_fixture_to_json_on_stdout()
    {
        var (exit, stdout, stderr) = Run(["normalize", "--provider", "github", "--event", "push"], Fixtures.Bytes("github/push.new-branch.json"));

        Assert.Equal(0, exit);
        Assert.Equal(string.Empty, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(["BranchCreated", "Push"], json.RootElement.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
        var push = json.RootElement[1];
        Assert.Equal("GitHub", push.GetProperty("provider").GetString());
        Assert.Equal("186853002:push:refs/heads/master:6113728f27ae82c7b1a177c8d03f9e96e0adf246", push.GetProperty("naturalKey").GetString());
    }

    [Fact]
    public void Reports_a_malformed_body_on_stderr_with_exit_code_1()
    {
        var (exit, stdout, stderr) = Run(["normalize", "--provider", "gitlab"], Encoding.UTF8.GetBytes("{ not json"));

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("cannot read the payload", stderr);
        Assert.DoesNotContain("not json", stderr);
    }

    [Fact]
    public void Reports_a_usage_error_with_exit_code_2()
    {
        var (exit, stdout, stderr) = Run(["normalize", "--provider", "github"], Fixtures.Bytes("github/push.new-branch.json"));

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains("--event is required for github", stderr);
    }

    [Fact]
    public void Rejects_an_unknown_provider_with_exit_code_2()
    {
        var (exit, _, stderr) = Run(["normalize", "--provider", "sourceforge", "--event", "push"], "{}"u8.ToArray());

        Assert.Equal(2, exit);
        Assert.Contains("unknown provider 'sourceforge'", stderr);
    }

    private static (int Exit, string Stdout, string Stderr) Run(string[] args, byte[] stdin)
    {
        using var input = new MemoryStream(stdin);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit = CliApp.Run(args, input, stdout, stderr, new TestClock());
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
