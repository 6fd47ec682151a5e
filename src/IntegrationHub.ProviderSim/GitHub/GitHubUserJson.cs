using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>GitHub's simple-user and organization objects; the shape of <c>sender</c>, <c>owner</c>, <c>user</c>.</summary>
internal static class GitHubUserJson
{
    public static JsonObject User(GitHubUrls u, SimUser user) => Account(u, user.Login, user.Id, "User");

    public static JsonObject Account(GitHubUrls u, string login, long id, string type) => new()
    {
        ["login"] = login,
        ["id"] = id,
        ["node_id"] = NodeId(type == "User" ? "04:User" : "012:Organization", id),
        ["avatar_url"] = $"{u.Web}/avatars/u/{id}?v=4",
        ["gravatar_id"] = "",
        ["url"] = $"{u.Api}/users/{login}",
        ["html_url"] = $"{u.Web}/{login}",
        ["repos_url"] = $"{u.Api}/users/{login}/repos",
        ["type"] = type,
        ["site_admin"] = false,
    };

    /// <summary><c>GET /user</c>: the simple user plus profile fields.</summary>
    public static JsonObject Authenticated(GitHubUrls u, SimUser user)
    {
        var o = User(u, user);
        o["name"] = user.Name;
        o["email"] = user.Email;
        o["created_at"] = Http.Json.Iso(user.CreatedAt);
        o["updated_at"] = Http.Json.Iso(user.CreatedAt);
        return o;
    }

    /// <summary>The repository's owner: a user when the owner is the creating user's login, else an organization.</summary>
    public static JsonObject Owner(GitHubUrls u, SimRepo repo, SimStore store)
    {
        var creator = store.FindUser(repo.OwnerUserId);
        return creator is not null && string.Equals(creator.Login, repo.Owner, StringComparison.OrdinalIgnoreCase)
            ? User(u, creator)
            : Account(u, repo.Owner, OrgId(repo.Owner), "Organization");
    }

    public static JsonObject Organization(GitHubUrls u, string login) => new()
    {
        ["login"] = login,
        ["id"] = OrgId(login),
        ["node_id"] = NodeId("012:Organization", OrgId(login)),
        ["url"] = $"{u.Api}/orgs/{login}",
        ["repos_url"] = $"{u.Api}/orgs/{login}/repos",
        ["avatar_url"] = $"{u.Web}/avatars/u/{OrgId(login)}?v=4",
        ["description"] = "",
    };

    /// <summary>A stable positive id for an organization name.</summary>
    public static long OrgId(string login) => 10_000_000 + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(login) % 9_000_000;

    public static string NodeId(string kind, long id) =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{kind}{id}"));
}
