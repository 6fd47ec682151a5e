using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.WebUtilities;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>
/// A person installing the app from the hub: "Install the GitHub App" in the hub's browser (cookies), the simulator's
/// installation page read and its form posted as a browser would, and GitHub's redirect back followed into the hub.
/// </summary>
internal static partial class InstallThroughPage
{
    private const string StartPath = "/connect/github-app/install";

    /// <summary>Where GitHub sends the person back (the hub's setup URL with installation_id, setup_action, state and code).</summary>
    public static Task<Uri> InstallAsync(HubWorld world, HttpClient browser, string account, params string[] repositories) =>
        InstallCoreAsync(world, browser, StartPath, null, account, repositories);

    /// <summary>
    /// As <see cref="InstallAsync"/>, signed in at GitHub as <paramref name="login"/> (null: the simulator's demo person);
    /// no repositories: all of the account's.
    /// </summary>
    public static Task<Uri> InstallAsAsync(HubWorld world, HttpClient browser, string? login, string account, params string[] repositories) =>
        InstallCoreAsync(world, browser, StartPath, login, account, repositories);

    /// <summary>As <see cref="InstallAsync"/>, started at <paramref name="startPath"/> (one app's "Install this app").</summary>
    public static Task<Uri> InstallFromAsync(HubWorld world, HttpClient browser, string startPath, string account, params string[] repositories) =>
        InstallCoreAsync(world, browser, startPath, null, account, repositories);

    private static async Task<Uri> InstallCoreAsync(HubWorld world, HttpClient browser, string startPath, string? login, string account, string[] repositories)
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
            new("login", login ?? Hidden(html, "login")), new("state", Hidden(html, "state")), new("account", account), new("repository_selection", repositories.Length == 0 ? "all" : "selected"),
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

    /// <summary>GitHub's return with its <c>installation_id</c> replaced: what someone editing the URL sends.</summary>
    public static Uri WithInstallation(Uri back, long installationId) =>
        new(QueryHelpers.AddQueryString(back.GetLeftPart(UriPartial.Path), QueryHelpers.ParseQuery(back.Query).Select(p =>
            new KeyValuePair<string, string?>(p.Key, p.Key == "installation_id" ? installationId.ToString(CultureInfo.InvariantCulture) : p.Value.ToString()))));

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);
}
