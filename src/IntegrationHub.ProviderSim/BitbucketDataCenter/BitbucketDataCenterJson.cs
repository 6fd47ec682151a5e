using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;
using static IntegrationHub.ProviderSim.Http.Json;

namespace IntegrationHub.ProviderSim.BitbucketDataCenter;

/// <summary>Bitbucket Data Center objects; dates are epoch milliseconds. https://developer.atlassian.com/server/bitbucket/rest/</summary>
internal static class BitbucketDataCenterJson
{
    public static JsonObject Self(string href) => new() { ["self"] = new JsonArray(new JsonObject { ["href"] = href }) };

    public static JsonObject User(BitbucketDataCenterUrls u, SimUser user) => new()
    {
        ["name"] = user.Login,
        ["emailAddress"] = user.Email,
        ["id"] = user.Id,
        ["displayName"] = user.Name,
        ["active"] = true,
        ["slug"] = user.Login.ToLowerInvariant(),
        ["type"] = "NORMAL",
        ["links"] = Self($"{u.Web}/users/{user.Login.ToLowerInvariant()}"),
    };

    public static JsonObject Project(BitbucketDataCenterUrls u, SimRepo r) => new()
    {
        ["key"] = r.Owner,
        ["id"] = ProjectId(r.Owner),
        ["name"] = r.Owner,
        ["public"] = false,
        ["type"] = "NORMAL",
        ["links"] = Self($"{u.Web}/projects/{r.Owner}"),
    };

    public static JsonObject Repo(BitbucketDataCenterUrls u, SimRepo r)
    {
        var host = new Uri(u.Origin);
        var links = Self(u.RepoHtml(r) + "/browse");
        links["clone"] = new JsonArray(
            new JsonObject { ["href"] = $"ssh://git@{host.Host}:7999/{r.Owner.ToLowerInvariant()}/{r.Slug}.git", ["name"] = "ssh" },
            new JsonObject { ["href"] = $"{u.Web}/scm/{r.Owner.ToLowerInvariant()}/{r.Slug}.git", ["name"] = "http" });
        return new JsonObject
        {
            ["slug"] = r.Slug,
            ["id"] = r.Id,
            ["name"] = r.Name,
            ["scmId"] = "git",
            ["state"] = "AVAILABLE",
            ["statusMessage"] = "Available",
            ["forkable"] = true,
            ["project"] = Project(u, r),
            ["public"] = !r.Private,
            ["links"] = links,
        };
    }

    /// <summary>A repository webhook; Bitbucket DC returns the secret in <c>configuration</c>, as the fixture shows.</summary>
    public static JsonObject Hook(SimHook h)
    {
        var config = new JsonObject();
        if (h.Secret is not null) config["secret"] = h.Secret;
        return new JsonObject
        {
            ["id"] = h.Id,
            ["name"] = h.Name,
            ["createdDate"] = EpochMs(h.CreatedAt),
            ["updatedDate"] = EpochMs(h.UpdatedAt),
            ["events"] = Strings(h.Events.Order(StringComparer.Ordinal)),
            ["configuration"] = config,
            ["url"] = h.Url,
            ["active"] = h.Active,
        };
    }

    public static string PrState(SimPull p) => p.State switch { "open" => "OPEN", "merged" => "MERGED", _ => "DECLINED" };

    public static JsonObject Pull(BitbucketDataCenterUrls u, SimRepo r, SimPull p, SimStore store)
    {
        var o = new JsonObject
        {
            ["id"] = p.Number,
            ["version"] = p.Version,
            ["title"] = p.Title,
            ["description"] = p.Body,
            ["state"] = PrState(p),
            ["open"] = p.IsOpen,
            ["closed"] = !p.IsOpen,
            ["createdDate"] = EpochMs(p.CreatedAt),
            ["updatedDate"] = EpochMs(p.UpdatedAt),
            ["fromRef"] = Ref(u, r, p.SourceBranch, p.HeadSha),
            ["toRef"] = Ref(u, r, p.TargetBranch, p.BaseSha),
            ["locked"] = false,
            ["author"] = new JsonObject { ["user"] = User(u, store.User(p.AuthorId)), ["role"] = "AUTHOR", ["approved"] = false, ["status"] = "UNAPPROVED" },
            ["reviewers"] = new JsonArray(),
            ["participants"] = new JsonArray(),
            ["links"] = Self($"{u.RepoHtml(r)}/pull-requests/{p.Number}"),
        };
        if (p.ClosedAt is { } closed) o["closedDate"] = EpochMs(closed);
        if (p.MergeSha is not null)
        {
            o["properties"] = new JsonObject { ["mergeCommit"] = new JsonObject { ["displayId"] = p.MergeSha[..11], ["id"] = p.MergeSha } };
        }

        return o;
    }

    public static JsonObject Comment(BitbucketDataCenterUrls u, SimRepo r, SimComment c, SimStore store) => new()
    {
        ["properties"] = new JsonObject { ["repositoryId"] = r.Id },
        ["id"] = c.Id,
        ["version"] = 0,
        ["text"] = c.Body,
        ["author"] = User(u, store.User(c.AuthorId)),
        ["createdDate"] = EpochMs(c.CreatedAt),
        ["updatedDate"] = EpochMs(c.CreatedAt),
        ["comments"] = new JsonArray(),
        ["tasks"] = new JsonArray(),
    };

    public static JsonObject Commit(BitbucketDataCenterUrls u, SimCommit c, SimStore store) => new()
    {
        ["id"] = c.Sha,
        ["displayId"] = c.Sha[..11],
        ["author"] = User(u, store.User(c.AuthorId)),
        ["authorTimestamp"] = EpochMs(c.Timestamp),
        ["committer"] = User(u, store.User(c.AuthorId)),
        ["committerTimestamp"] = EpochMs(c.Timestamp),
        ["message"] = c.Message,
        ["parents"] = c.ParentSha is null ? new JsonArray() : new JsonArray(new JsonObject { ["id"] = c.ParentSha, ["displayId"] = c.ParentSha[..11] }),
    };

    private static JsonObject Ref(BitbucketDataCenterUrls u, SimRepo r, string branch, string sha) => new()
    {
        ["id"] = "refs/heads/" + branch,
        ["displayId"] = branch,
        ["latestCommit"] = sha,
        ["repository"] = Repo(u, r),
    };

    public static long ProjectId(string key) => 1 + (uint)StringComparer.OrdinalIgnoreCase.GetHashCode(key) % 100_000;
}
