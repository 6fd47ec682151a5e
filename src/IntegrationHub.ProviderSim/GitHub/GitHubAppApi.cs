using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// The endpoints an app calls as itself, with <c>Authorization: Bearer &lt;JWT&gt;</c> (<see cref="GitHubAppJwt"/>):
/// <c>GET /app</c>, its installations, deleting one, and installation access tokens. Any other credential here is
/// "could not be decoded", as GitHub answers a token where it wants a JWT. https://docs.github.com/rest/apps/apps
/// </summary>
internal static class GitHubAppApi
{
    private const string Key = "sim.github.app";

    public static void Map(RouteGroupBuilder app)
    {
        app.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var services = http.RequestServices;
            var found = GitHubAppJwt.Verify(ApiAuth.ReadToken(http.Request), services.GetRequiredService<GitHubAppStore>(),
                services.GetRequiredService<SimStore>().Now, out var error);
            if (found is null) return GitHubResponses.Error(401, error);
            http.Items[Key] = found;
            http.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
            return await next(context);
        });

        app.MapGet("", (HttpContext c, GitHubAppStore apps) =>
        {
            var self = Of(c);
            return GitHubResponses.Json(c, GitHubAppJson.App(GitHubRoutes.Urls(c), self, apps.Installations(self.Id).Count));
        });

        app.MapGet("/installations", (HttpContext c, GitHubAppStore apps, SimStore store) =>
        {
            var self = Of(c);
            var u = GitHubRoutes.Urls(c);
            return GitHubResponses.Paged(c, apps.Installations(self.Id), i => Render(u, i, self, apps, store));
        });

        app.MapGet("/installations/{id:long}", (HttpContext c, long id, GitHubAppStore apps, SimStore store) =>
            Installation(c, apps, id) is { } i
                ? GitHubResponses.Json(c, Render(GitHubRoutes.Urls(c), i, Of(c), apps, store))
                : GitHubResponses.NotFound());

        app.MapDelete("/installations/{id:long}", (HttpContext c, long id, GitHubAppStore apps, GitHubAppEvents events) =>
        {
            if (Installation(c, apps, id) is not { } i) return GitHubResponses.NotFound();
            events.Uninstalled(GitHubRoutes.Urls(c), Of(c), i, sender: null);
            return Results.StatusCode(204);
        });

        app.MapPost("/installations/{id:long}/access_tokens", async (HttpContext c, long id, GitHubAppStore apps, GitHubInstallationTokens tokens) =>
        {
            if (Installation(c, apps, id) is not { } i) return GitHubResponses.NotFound();
            var body = await Json.ReadObject(c.Request, c.RequestAborted);
            return tokens.Issue(c, Of(c), i, body);
        });
    }

    private static GitHubApp Of(HttpContext http) =>
        http.Items[Key] as GitHubApp ?? throw new InvalidOperationException("App endpoint reached without a JWT.");

    /// <summary>The installation if it belongs to the calling app; GitHub answers 404 for another app's.</summary>
    private static GitHubAppInstallation? Installation(HttpContext http, GitHubAppStore apps, long id) =>
        apps.FindInstallation(id) is { } i && i.AppId == Of(http).Id ? i : null;

    private static System.Text.Json.Nodes.JsonObject Render(GitHubUrls u, GitHubAppInstallation i, GitHubApp app, GitHubAppStore apps, SimStore store)
    {
        lock (apps.Gate) return GitHubAppJson.Installation(u, i, app, store);
    }
}
