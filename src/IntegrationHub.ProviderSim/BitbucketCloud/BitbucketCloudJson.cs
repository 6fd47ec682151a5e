using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketCloud;

/// <summary>Bitbucket Cloud objects: account, repository, hook. https://developer.atlassian.com/cloud/bitbucket/rest/</summary>
internal static class BitbucketCloudJson
{
    public static string Braced(Guid g) => "{" + g + "}";

    public static JsonObject Links(params (string Rel, string Href)[] links)
    {
        var o = new JsonObject();
        foreach (var (rel, href) in links) o[rel] = new JsonObject { ["href"] = href };
        return o;
    }

    public static JsonObject Account(BitbucketCloudUrls u, SimUser user) => new()
    {
        ["nickname"] = user.Login,
        ["account_id"] = "5f" + user.Id.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
        ["display_name"] = user.Name,
        ["uuid"] = Braced(user.Uuid),
        ["links"] = Links(("self", $"{u.Api}/users/{Uri.EscapeDataString(Braced(user.Uuid))}"), ("html", $"{u.Web}/{Uri.EscapeDataString(Braced(user.Uuid))}"),
            ("avatar", $"{u.Web}/account/{user.Login}/avatar/32/")),
    };

    /// <summary>The short repository object in webhook bodies.</summary>
    public static JsonObject RepoRef(BitbucketCloudUrls u, SimRepo r) => new()
    {
        ["links"] = Links(("self", u.Repo(r)), ("html", u.RepoHtml(r)), ("avatar", $"{u.Web}/{r.FullName}/avatar/32/")),
        ["uuid"] = Braced(r.Uuid),
        ["full_name"] = r.FullName,
        ["name"] = r.Name,
        ["scm"] = "git",
        ["is_private"] = r.Private,
    };

    /// <summary>The full repository object of <c>GET /2.0/repositories</c>.</summary>
    public static JsonObject Repo(BitbucketCloudUrls u, SimRepo r)
    {
        var o = RepoRef(u, r);
        o["links"] = Links(("self", u.Repo(r)), ("html", u.RepoHtml(r)), ("hooks", u.Repo(r) + "/hooks"),
            ("pullrequests", u.Repo(r) + "/pullrequests"), ("commits", u.Repo(r) + "/commits"), ("avatar", $"{u.Web}/{r.FullName}/avatar/32/"));
        o["type"] = "repository";
        o["slug"] = r.Slug;
        o["description"] = r.Description;
        o["created_on"] = IsoMs(r.CreatedAt);
        o["updated_on"] = IsoMs(r.UpdatedAt);
        o["size"] = 0;
        o["language"] = "";
        o["has_issues"] = false;
        o["has_wiki"] = false;
        o["fork_policy"] = "allow_forks";
        o["website"] = "";
        o["mainbranch"] = new JsonObject { ["type"] = "branch", ["name"] = r.DefaultBranch };
        return o;
    }

    /// <summary>A webhook subscription; the secret is never returned, <c>secret_set</c> says whether there is one.</summary>
    public static JsonObject Hook(BitbucketCloudUrls u, SimRepo r, SimHook h) => new()
    {
        ["read_only"] = false,
        ["description"] = h.Name,
        ["links"] = Links(("self", $"{u.Repo(r)}/hooks/{Uri.EscapeDataString(Braced(h.Uuid))}")),
        ["url"] = h.Url,
        ["created_at"] = IsoMs(h.CreatedAt),
        ["skip_cert_verification"] = false,
        ["source"] = null,
        ["active"] = h.Active,
        ["subject"] = new JsonObject
        {
            ["links"] = Links(("self", u.Repo(r)), ("html", u.RepoHtml(r))),
            ["type"] = "repository", ["name"] = r.Name, ["full_name"] = r.FullName, ["uuid"] = Braced(r.Uuid),
        },
        ["type"] = "webhook_subscription",
        ["events"] = Strings(h.Events.Order(StringComparer.Ordinal)),
        ["uuid"] = Braced(h.Uuid),
        ["secret_set"] = !string.IsNullOrEmpty(h.Secret),
    };
}
