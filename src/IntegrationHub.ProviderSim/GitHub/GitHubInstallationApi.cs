using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// What an installation token may call beyond repositories: <c>GET /installation/repositories</c>; and what it may
/// not: the <c>/user</c> endpoints, which speak for a person; and <c>DELETE /installation/token</c>, which revokes the
/// token it is called with. https://docs.github.com/rest/apps/installations
/// </summary>
internal static class GitHubInstallationApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/installation/repositories", Repositories);
        api.MapDelete("/installation/token", RevokeToken);
        api.MapGet("/user/installations", UserInstallations);
        api.MapGet("/user/memberships/orgs/{org}", OrgMembership);
    }

    private static IResult Repositories(HttpContext c, SimStore store, GitHubAppStore apps)
    {
        var caller = Caller.Of(c);
        if (apps.FindGrant(caller.Token.Value) is not { } grant || apps.FindInstallation(grant.InstallationId) is not { } installation)
        {
            return GitHubResponses.Error(403, "You must authenticate with an installation access token in order to list repositories for an installation.");
        }

        var u = GitHubRoutes.Urls(c);
        var repos = apps.Repositories(installation).Where(r => grant.RepoIds is null || grant.RepoIds.Contains(r.Id)).ToArray();
        lock (store.Gate)
        {
            return GitHubResponses.Paged(c, repos, r => GitHubRepoJson.Api(u, r, store, admin: false), page => new JsonObject
            {
                ["total_count"] = repos.Length,
                ["repository_selection"] = installation.RepositorySelection,
                ["repositories"] = page,
            });
        }
    }

    /// <summary>
    /// Revokes the installation token the call carries (204); later calls with it are answered 401 "Bad credentials".
    /// https://docs.github.com/rest/apps/installations#revoke-an-installation-access-token
    /// </summary>
    private static IResult RevokeToken(HttpContext c, GitHubAppStore apps, TokenStore tokens)
    {
        var caller = Caller.Of(c);
        if (apps.FindGrant(caller.Token.Value) is null)
        {
            return GitHubResponses.Error(403, "You must authenticate with an installation access token in order to revoke it.");
        }

        tokens.Revoke(caller.Token.Value);
        return Results.NoContent();
    }

    /// <summary>
    /// The app's installations the person behind a user-to-server token can reach: on their own account, or covering a
    /// repository they have any access to (GitHub: "explicit permission (:read, :write, or :admin)"). Being listed does
    /// not make the person the account's administrator.
    /// https://docs.github.com/rest/apps/installations#list-app-installations-accessible-to-the-user-access-token
    /// </summary>
    private static IResult UserInstallations(HttpContext c, SimStore store, GitHubAppStore apps)
    {
        var caller = Caller.Of(c);
        if (apps.FindByClientId(caller.Token.ClientId) is not { } app)
        {
            return GitHubResponses.Error(403, "You must authenticate with an access token authorized to a GitHub App in order to list installations");
        }

        var u = GitHubRoutes.Urls(c);
        var mine = apps.Installations(app.Id).Where(i => GitHubAppAccounts.Reaches(store, apps, caller.User, i)).ToArray();
        lock (store.Gate)
        {
            return GitHubResponses.Paged(c, mine, i => GitHubAppJson.Installation(u, i, app, store), page => new JsonObject
            {
                ["total_count"] = mine.Length,
                ["installations"] = page,
            });
        }
    }

    /// <summary>
    /// The signed-in person's membership of an organization: <c>role</c> <c>admin</c> (an owner) or <c>member</c>,
    /// <c>state</c> <c>active</c>; 404 when they are not a member.
    /// https://docs.github.com/rest/orgs/members#get-an-organization-membership-for-the-authenticated-user
    /// </summary>
    private static IResult OrgMembership(HttpContext c, string org, SimStore store)
    {
        var caller = Caller.Of(c);
        if (!GitHubAppAccounts.IsMember(store, caller.User, org))
        {
            return GitHubResponses.NotFound();
        }

        var u = GitHubRoutes.Urls(c);
        return GitHubResponses.Json(c, new JsonObject
        {
            ["url"] = $"{u.Api}/orgs/{org}/memberships/{caller.User.Login}",
            ["state"] = "active",
            ["role"] = GitHubAppAccounts.Administers(store, caller.User, org) ? "admin" : "member",
            ["organization_url"] = $"{u.Api}/orgs/{org}",
            ["organization"] = GitHubUserJson.Organization(u, org),
            ["user"] = GitHubUserJson.User(u, caller.User),
        });
    }

    /// <summary>
    /// What GitHub refuses an installation token whatever the endpoint: every call once its installation is suspended
    /// (tokens minted before keep their hour but stop working), and the <c>/user</c> endpoints, which speak for a person.
    /// </summary>
    public static IResult? RefuseInstallationToken(HttpContext http, Caller caller)
    {
        if (!GitHubTokens.IsInstallation(caller.Token))
        {
            return null;
        }

        var apps = http.RequestServices.GetRequiredService<GitHubAppStore>();
        if (apps.FindGrant(caller.Token.Value) is { } grant && apps.FindInstallation(grant.InstallationId) is { SuspendedAt: not null })
        {
            return GitHubResponses.Error(403, Suspended);
        }

        var path = http.Request.Path.Value ?? "";
        var user = path.EndsWith("/api/v3/user", StringComparison.Ordinal) || path.Contains("/api/v3/user/", StringComparison.Ordinal);
        return user ? GitHubResponses.Error(403, GitHubTokens.NotAccessibleByIntegration) : null;
    }

    public const string Suspended = "This installation has been suspended";
}
