using System.Globalization;
using System.Net;
using System.Text;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// The installation page as plain HTML without JavaScript: every input has a label and each group a legend, so a
/// person with a screen reader, and a Playwright test by role and label, can drive it.
/// </summary>
internal static class GitHubInstallPageHtml
{
    public static string Render(GitHubApp app, SimUser user, IReadOnlyList<GitHubAppAccount> accounts, IReadOnlyList<SimRepo> repos,
        string? state, string? error)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Install {E(app.Name)} - GitHub (simulated)</title></head>
            <body><main>
            <h1>Install {E(app.Name)}</h1>
            <p>Signed in as <strong>{E(user.Login)}</strong>.</p>
            """);
        if (error is not null) html.Append(CultureInfo.InvariantCulture, $"<p role=\"alert\">{E(error)}</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"""
            <form method="post">
            <input type="hidden" name="login" value="{E(user.Login)}">
            <input type="hidden" name="state" value="{E(state)}">
            <fieldset><legend>Install on</legend>

            """);
        for (var i = 0; i < accounts.Count; i++)
        {
            var a = accounts[i];
            html.Append(CultureInfo.InvariantCulture,
                $"<div><input type=\"radio\" id=\"account-{i}\" name=\"account\" value=\"{E(a.Login)}\"{(i == 0 ? " checked" : "")}><label for=\"account-{i}\">{E(a.Login)} ({E(a.Type)})</label></div>\n");
        }

        html.Append("""
            </fieldset>
            <fieldset><legend>Repository access</legend>
            <div><input type="radio" id="selection-all" name="repository_selection" value="all" checked><label for="selection-all">All repositories</label></div>
            <div><input type="radio" id="selection-selected" name="repository_selection" value="selected"><label for="selection-selected">Only select repositories</label></div>
            <fieldset><legend>Select repositories</legend>

            """);
        foreach (var repo in repos)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<div><input type=\"checkbox\" id=\"repo-{repo.Id}\" name=\"repositories\" value=\"{E(repo.FullName)}\"><label for=\"repo-{repo.Id}\">{E(repo.FullName)}</label></div>\n");
        }

        html.Append("""
            </fieldset>
            </fieldset>
            <button type="submit">Install</button>
            </form>
            </main></body></html>
            """);
        return html.ToString();
    }

    public static string Done(GitHubApp app, GitHubAppInstallation installation) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Installed {WebUtility.HtmlEncode(app.Name)} - GitHub (simulated)</title></head>
        <body><main><h1>Installed {WebUtility.HtmlEncode(app.Name)}</h1>
        <p>Installation {installation.Id.ToString(CultureInfo.InvariantCulture)} on {WebUtility.HtmlEncode(installation.AccountLogin)}. The app has no setup URL.</p>
        </main></body></html>
        """;
}
