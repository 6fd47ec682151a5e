using System.Net;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IntegrationHub.Tests.Connect;

/// <summary>
/// Pages that redirect after a post answer 302 with a Location, never a 200 page holding Blazor's redirect template
/// (which only a script follows), also with every log category at Trace, the configuration that once produced the 200.
/// </summary>
public sealed class RedirectAfterPostTests
{
    private static readonly Dictionary<string, string?> Trace = new()
    {
        ["Logging:LogLevel:IntegrationHub"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace", ["Logging:LogLevel:System"] = "Trace",
    };

    [Fact]
    public async Task Every_page_that_redirects_after_a_post_answers_302_with_trace_logging_on()
    {
        var logs = new LogCapture();
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { Settings = Trace, Services = s => s.AddSingleton<ILoggerProvider>(logs) });
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        await world.ControlAsync("repos", new { provider = "bitbucket-dc", owner = "PRJ", name = "app", user = "demo" });
        var browser = world.Browser();
        var responses = new List<(string Page, HttpResponseMessage Response)>
        {
            ("sign-up", await Forms.SignUpAsync(browser, "ada@a.test", "Tenant A")),
        };
        Assert.StartsWith("/integrations?connected=", await OwnAppFlowTests.ConnectOwnAppAsync(world, browser, "gitlab", "gitlab"));
        var refused = await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = "ado-refused-token-7c3e91",
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        responses.Add(("azure-devops", await Forms.SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new Dictionary<string, string>
        {
            ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = "ado-demo-personal-token",
        })));
        responses.Add(("bitbucket-dc", await Forms.SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc", ["Input.ProjectKey"] = "PRJ", ["Input.RepositorySlug"] = "app", ["Input.Pat"] = "bbdc-demo-personal-token",
        })));
        responses.Add(("own-app", await Forms.SubmitAsync(browser, "/integrations/gitlab/own-app", "own-app", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = $"{world.SimUrl}/gitlab", ["Input.ClientId"] = OwnAppFlowTests.ClientId, ["Input.ClientSecret"] = OwnAppFlowTests.ClientSecret,
        })));
        responses.Add(("sign-in", await Forms.SignInAsync(world.Browser(), "ada@a.test")));

        var wrong = new List<string>();
        foreach (var (page, response) in responses)
        {
            string body = await response.Content.ReadAsStringAsync();
            // A 302 is all a browser without script needs; the template would mean the redirect was also (or only) left to script.
            if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null || body.Contains("type=\"redirection\"", StringComparison.Ordinal))
            {
                wrong.Add($"{page}: {(int)response.StatusCode}{(body.Contains("type=\"redirection\"", StringComparison.Ordinal) ? " with the script-only redirect template" : "")}");
            }
        }

        Assert.Empty(wrong);
        Assert.NotEmpty(logs.Lines);
    }
}
