using System.Globalization;
using IntegrationHub.ProviderSim.OAuth;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// <c>/github/apps/{slug}/installations/new</c> (github.com: <c>https://github.com/apps/{slug}/installations/new</c>):
/// the signed-in person (the demo user, or <c>?login=</c>) picks an account they administer and all or some of its
/// repositories; the app is installed (or its installation updated) and the person is sent to the setup URL with
/// <c>installation_id</c>, <c>setup_action</c> and <c>state</c>, or, when the app asks for user authorization during
/// installation, to its callback URL with an OAuth <c>code</c> as well.
/// https://docs.github.com/apps/creating-github-apps/registering-a-github-app/about-the-setup-url,
/// https://docs.github.com/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-user-access-token-for-a-github-app
/// </summary>
internal static class GitHubInstallPage
{
    private const string Path = "/apps/{slug}/installations/new";

    public static void Map(RouteGroupBuilder root)
    {
        root.MapGet(Path, (string slug, string? login, string? state, GitHubAppStore apps, SimStore store, SimBootstrap bootstrap) =>
            apps.FindBySlug(slug) is { } app ? Page(app, bootstrap.DemoOr(GitHubProvider.Id, login), state, null, store, 200) : NotFound());

        root.MapPost(Path, async (HttpContext c, string slug, GitHubAppStore apps, SimStore store, SimBootstrap bootstrap, GitHubAppEvents events,
            TokenStore tokens) =>
        {
            if (apps.FindBySlug(slug) is not { } app) return NotFound();
            var form = await c.Request.ReadFormAsync(c.RequestAborted);
            var user = bootstrap.DemoOr(GitHubProvider.Id, form["login"]);
            var state = form["state"].ToString() is { Length: > 0 } s ? s : null;
            var account = form["account"].ToString();
            if (!GitHubAppAccounts.Administers(store, user, account)) return Page(app, user, state, "Choose an account you administer.", store, 422);
            IReadOnlyList<SimRepo>? repos = null;
            if (form["repository_selection"] != "all")
            {
                var chosen = form["repositories"].Select(n => store.FindRepo(GitHubProvider.Id, n ?? "")).ToArray();
                if (chosen.Length == 0 || chosen.Any(r => r is null || !string.Equals(r.Owner, account, StringComparison.OrdinalIgnoreCase)))
                {
                    return Page(app, user, state, $"Choose at least one repository of {account}.", store, 422);
                }

                repos = chosen.OfType<SimRepo>().ToArray();
            }

            var u = GitHubRoutes.Urls(c);
            var existing = apps.Installations(app.Id).FirstOrDefault(i => string.Equals(i.AccountLogin, account, StringComparison.OrdinalIgnoreCase));
            var installation = existing ?? events.Install(u, app, account, repos, user);
            if (existing is not null) events.Reconfigure(u, app, existing, repos, user);
            return Return(app, installation, existing is null ? "install" : "update", state, user, tokens);
        });
    }

    private static IResult Return(GitHubApp app, GitHubAppInstallation installation, string action, string? state, SimUser user, TokenStore tokens)
    {
        var query = new List<KeyValuePair<string, string?>>();
        var target = app.SetupUrl;
        if (app.RequestOAuthOnInstall && tokens.FindClient(GitHubProvider.Id, app.ClientId) is { } client)
        {
            query.Add(new("code", tokens.IssueCode(GitHubProvider.Id, client, null, [], user.Id, null, null).Code));
            target = app.CallbackUrl ?? app.SetupUrl;
        }

        if (target is null) return Results.Content(GitHubInstallPageHtml.Done(app, installation), "text/html; charset=utf-8");
        query.Add(new("installation_id", installation.Id.ToString(CultureInfo.InvariantCulture)));
        query.Add(new("setup_action", action));
        query.Add(new("state", state));
        return Results.Redirect(ClientRedirects.With(target, query));
    }

    private static IResult Page(GitHubApp app, SimUser user, string? state, string? error, SimStore store, int status)
    {
        var accounts = GitHubAppAccounts.AdministeredBy(store, user);
        var repos = accounts.SelectMany(a => store.ByOwner(GitHubProvider.Id, a.Login)).OrderBy(r => r.FullName, StringComparer.OrdinalIgnoreCase).ToArray();
        return Results.Content(GitHubInstallPageHtml.Render(app, user, accounts, repos, state, error), "text/html; charset=utf-8", statusCode: status);
    }

    private static IResult NotFound() => Results.Content("<!doctype html><html lang=\"en\"><title>Not Found</title><h1>Not Found</h1></html>", "text/html", statusCode: 404);
}
