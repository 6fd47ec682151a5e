using System.Security.Cryptography;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// <c>/_sim/github</c>: registers GitHub Apps and installs, suspends, changes and removes installations without a
/// browser, each change made as the installation page or GitHub's settings would make it (<see cref="GitHubAppEvents"/>).
/// </summary>
internal static class GitHubAppControlApi
{
    public static void Map(RouteGroupBuilder sim)
    {
        sim.MapPost("/apps", (HttpContext c, GitHubAppRegistration request, GitHubAppStore apps, TokenStore tokens, SimStore store, SimBootstrap bootstrap) =>
        {
            using var rsa = RSA.Create(2048);
            string? privateKey = null;
            if (request.PublicKeyPem is { Length: > 0 } pem) rsa.ImportFromPem(pem);
            else privateKey = rsa.ExportRSAPrivateKeyPem();
            var owner = bootstrap.DemoOr(GitHubProvider.Id, request.Owner);
            var app = new GitHubApp
            {
                Id = request.AppId ?? SimIds.Next(), Name = request.Name, Slug = request.Slug ?? Slugify(request.Name),
                ClientId = request.ClientId ?? "Iv23li" + SimIds.Token("")[..14], ClientSecret = request.ClientSecret ?? SimIds.Token("")[..40],
                OwnerId = owner.Id, OwnerLogin = owner.Login, PublicKey = rsa.ExportSubjectPublicKeyInfo(), HookId = SimIds.Next(),
                WebhookUrl = request.WebhookUrl, WebhookSecret = request.WebhookSecret, SetupUrl = request.SetupUrl,
                CallbackUrl = request.CallbackUrl, RequestOAuthOnInstall = request.RequestOAuthOnInstall,
                Permissions = request.Permissions ?? new() { ["contents"] = "read", ["metadata"] = "read" },
                Events = request.Events ?? [], CreatedAt = store.Now,
            };
            try
            {
                apps.Add(app);
            }
            catch (InvalidOperationException e)
            {
                return Results.Json(new { error = e.Message }, Json.Web, statusCode: 409);
            }

            // The app's client id and secret work at /login/oauth like an OAuth app's, for user-to-server tokens.
            tokens.Register(new OAuthClient(GitHubProvider.Id, app.ClientId, app.ClientSecret, app.CallbackUrl is null ? [] : [app.CallbackUrl], null));
            store.EnsureUser(GitHubProvider.Id, app.BotLogin);
            return Results.Json(new
            {
                app.Id, app.Slug, app.Name, app.ClientId, app.ClientSecret, app.WebhookSecret, app.HookId, PrivateKeyPem = privateKey,
                HtmlUrl = $"{GitHubRoutes.Urls(c).Web}/apps/{app.Slug}",
            }, Json.Web);
        });

        sim.MapPost("/installations", (HttpContext c, GitHubInstallationRequest request, GitHubAppStore apps, GitHubAppEvents events, SimStore store,
            SimBootstrap bootstrap) =>
        {
            var app = Find(apps, request.App);
            if (app is null || string.IsNullOrEmpty(request.Account)) return Problem(404, "app or account not found");
            var repos = request.Repositories is { } names ? Repos(store, names) : null;
            if (request.Repositories is not null && repos is null) return Problem(404, "repository not found");
            var sender = bootstrap.DemoOr(GitHubProvider.Id, request.Sender);
            var installation = events.Install(GitHubRoutes.Urls(c), app, request.Account, repos, sender);
            return View(c, apps, store, installation, app);
        });

        sim.MapGet("/installations", (HttpContext c, GitHubAppStore apps, SimStore store) =>
            Results.Json(apps.AllInstallations().Select(i => Render(c, apps, store, i, apps.FindApp(i.AppId)!)).ToArray(), Json.Web));

        foreach (var (path, suspend) in new[] { ("suspend", true), ("unsuspend", false) })
        {
            sim.MapPost("/installations/{id:long}/" + path, (HttpContext c, long id, GitHubAppStore apps, GitHubAppEvents events, SimStore store,
                SimBootstrap bootstrap, string? sender) =>
            {
                if (Installation(apps, id) is not { } found) return Problem(404, "installation not found");
                var (i, app) = found;
                events.Suspend(GitHubRoutes.Urls(c), app, i, bootstrap.DemoOr(GitHubProvider.Id, sender), suspend);
                return View(c, apps, store, i, app);
            });
        }

        sim.MapPost("/installations/{id:long}/repositories", (HttpContext c, long id, GitHubInstallationRequest request, GitHubAppStore apps,
            GitHubAppEvents events, SimStore store, SimBootstrap bootstrap) =>
        {
            if (Installation(apps, id) is not { } found) return Problem(404, "installation not found");
            var (i, app) = found;
            if (Repos(store, request.Add ?? []) is not { } add || Repos(store, request.Remove ?? []) is not { } remove) return Problem(404, "repository not found");
            events.ChangeRepositories(GitHubRoutes.Urls(c), app, i, add, remove, bootstrap.DemoOr(GitHubProvider.Id, request.Sender));
            return View(c, apps, store, i, app);
        });

        sim.MapDelete("/installations/{id:long}", (HttpContext c, long id, GitHubAppStore apps, GitHubAppEvents events, SimBootstrap bootstrap, string? sender) =>
        {
            if (Installation(apps, id) is not { } found) return Problem(404, "installation not found");
            var (i, app) = found;
            events.Uninstalled(GitHubRoutes.Urls(c), app, i, bootstrap.DemoOr(GitHubProvider.Id, sender));
            return Results.NoContent();
        });
    }

    private static GitHubApp? Find(GitHubAppStore apps, string? idOrSlug) =>
        long.TryParse(idOrSlug, out var id) ? apps.FindApp(id) : idOrSlug is null ? null : apps.FindBySlug(idOrSlug);

    private static (GitHubAppInstallation, GitHubApp)? Installation(GitHubAppStore apps, long id) =>
        apps.FindInstallation(id) is { } i && apps.FindApp(i.AppId) is { } app ? (i, app) : null;

    private static List<SimRepo>? Repos(SimStore store, IEnumerable<string> names)
    {
        var repos = names.Select(n => store.FindRepo(GitHubProvider.Id, n)).ToList();
        return repos.Any(r => r is null) ? null : repos.OfType<SimRepo>().ToList();
    }

    private static IResult View(HttpContext c, GitHubAppStore apps, SimStore store, GitHubAppInstallation i, GitHubApp app) =>
        Results.Content(Render(c, apps, store, i, app).ToJsonString(), "application/json");

    private static System.Text.Json.Nodes.JsonObject Render(HttpContext c, GitHubAppStore apps, SimStore store, GitHubAppInstallation i, GitHubApp app)
    {
        lock (apps.Gate)
        {
            var o = GitHubAppJson.Installation(GitHubRoutes.Urls(c), i, app, store);
            o["repositories"] = Json.Strings(apps.Repositories(i).Select(r => r.FullName));
            return o;
        }
    }

    private static IResult Problem(int status, string error) => Results.Json(new { error }, Json.Web, statusCode: status);

    private static string Slugify(string name) =>
        string.Concat(name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-')).Trim('-');
}
