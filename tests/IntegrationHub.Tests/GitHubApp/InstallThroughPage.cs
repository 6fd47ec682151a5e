using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// A person installing the app from the hub: "Install the GitHub App" in the hub's browser (cookies), the simulator's
/// installation page read and its form posted as a browser would, and GitHub's redirect back followed into the hub.
/// </summary>
internal static partial class InstallThroughPage
{
    /// <summary>Where GitHub sends the person back (the hub's setup URL with installation_id, setup_action, state and code).</summary>
    public static Task<Uri> InstallAsync(HubWorld world, HttpClient browser, string account, params string[] repositories) =>
        InstallFromAsync(world, browser, "/connect/github-app/install", account, repositories);

    /// <summary>As <see cref="InstallAsync"/>, started at <paramref name="startPath"/> (one app's "Install this app").</summary>
    public static async Task<Uri> InstallFromAsync(HubWorld world, HttpClient browser, string startPath, string account, params string[] repositories)
    {
        using var start = await browser.GetAsync(startPath);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var page = start.Headers.Location!;
        Assert.StartsWith(world.SimUrl + "/github/apps/", page.AbsoluteUri);

        // The simulator's page stands for GitHub's: it is not the hub's, so it gets a client of its own.
        using var github = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        string html = await github.GetStringAsync(page);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("login", Hidden(html, "login")), new("state", Hidden(html, "state")), new("account", account), new("repository_selection", "selected"),
        };
        fields.AddRange(repositories.Select(r => new KeyValuePair<string, string>("repositories", r)));
        using var posted = await github.PostAsync(new Uri(page.GetLeftPart(UriPartial.Path)), new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return posted.Headers.Location!;
    }

    /// <summary>The hub's answer to GitHub's redirect back: where it sends the person (a local URL).</summary>
    public static async Task<string> ReturnAsync(HttpClient browser, Uri setup)
    {
        Assert.Equal("/connect/github-app/setup", setup.AbsolutePath);
        using var answer = await browser.GetAsync(setup.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        return answer.Headers.Location!.OriginalString;
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
}
