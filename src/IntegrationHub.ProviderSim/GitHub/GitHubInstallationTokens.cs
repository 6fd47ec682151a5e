using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// <c>POST /app/installations/{id}/access_tokens</c>: a 1-hour <c>ghs_</c> token for the app's bot, holding the
/// installation's permissions, optionally narrowed to some of its repositories (<c>repositories</c> by name,
/// <c>repository_ids</c>) and to fewer permissions. A suspended installation gets 403.
/// https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app
/// </summary>
internal sealed class GitHubInstallationTokens(GitHubAppStore apps, SimStore store, TokenStore tokens)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public IResult Issue(HttpContext http, GitHubApp app, GitHubAppInstallation installation, JsonObject body)
    {
        if (installation.SuspendedAt is not null) return GitHubResponses.Error(403, GitHubInstallationApi.Suspended);
        var covered = apps.Repositories(installation);
        HashSet<long>? narrowed = null;
        if (body["repositories"] is JsonArray names)
        {
            narrowed = [];
            foreach (var name in names.Select(n => n?.GetValue<string>() ?? ""))
            {
                if (covered.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)) is not { } repo) return NotInInstallation();
                narrowed.Add(repo.Id);
            }
        }

        if (body["repository_ids"] is JsonArray ids)
        {
            narrowed ??= [];
            foreach (var id in ids.Select(n => n?.GetValue<long>() ?? 0))
            {
                if (!covered.Any(r => r.Id == id)) return NotInInstallation();
                narrowed.Add(id);
            }
        }

        var permissions = new Dictionary<string, string>(installation.Permissions, StringComparer.Ordinal);
        if (body["permissions"] is JsonObject asked)
        {
            permissions.Clear();
            foreach (var (name, level) in asked)
            {
                var want = level?.GetValue<string>() ?? "";
                if (!installation.Permissions.TryGetValue(name, out var granted) || Rank(want) == 0 || Rank(want) > Rank(granted))
                {
                    return GitHubResponses.Error(422, "The permissions requested are not granted to this installation.");
                }

                permissions[name] = want;
            }
        }

        var bot = store.EnsureUser(GitHubProvider.Id, app.BotLogin);
        var token = tokens.Issue(GitHubProvider.Id, bot.Id, permissions.Select(p => $"{p.Key}:{p.Value}").ToArray(), app.ClientId,
            Lifetime, withRefresh: false, GitHubTokens.InstallationPrefix);
        apps.Grant(token.Value, new GitHubInstallationGrant(installation.Id, narrowed));
        var answer = new JsonObject
        {
            ["token"] = token.Value,
            ["expires_at"] = Http.Json.Iso(token.ExpiresAt!.Value),
            ["permissions"] = GitHubAppJson.Permissions(permissions),
            ["repository_selection"] = narrowed is null ? installation.RepositorySelection : "selected",
        };
        if (narrowed is not null)
        {
            var u = GitHubRoutes.Urls(http);
            lock (store.Gate)
            {
                answer["repositories"] = Http.Json.Array(covered.Where(r => narrowed.Contains(r.Id)).Select(r => GitHubRepoJson.Api(u, r, store, admin: false)));
            }
        }

        return GitHubResponses.Json(http, answer, 201);
    }

    private static IResult NotInInstallation() =>
        GitHubResponses.Error(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");

    private static int Rank(string level) => level switch { "read" => 1, "write" => 2, "admin" => 3, _ => 0 };
}
