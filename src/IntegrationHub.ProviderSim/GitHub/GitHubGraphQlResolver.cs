using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Http;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Answers a validated query from the store, with the same ids, shas and times the REST API shows for the repository.
/// A repository that does not exist or that the token cannot see is null with a NOT_FOUND error, as GitHub answers it
/// (https://docs.github.com/graphql/guides/forming-calls-with-graphql). Call under <see cref="SimStore.Gate"/>.
/// </summary>
internal sealed class GitHubGraphQlResolver(SimStore store, Func<SimRepo, bool> canSee, JsonObject rateLimit)
{
    public List<JsonObject> Errors { get; } = [];

    public JsonObject Query(IReadOnlyList<GitHubGraphQlField> selections) => Select(selections, "Query", f => f.Name switch
    {
        "rateLimit" => Select(f.Selections!, "RateLimit", x => rateLimit[x.Name]?.DeepClone()),
        "repository" => Repository(f),
        _ => null,
    });

    private JsonObject? Repository(GitHubGraphQlField field)
    {
        var fullName = $"{field.Str("owner")}/{field.Str("name")}";
        var repo = store.FindRepo(GitHubProvider.Id, fullName);
        if (repo is null || (repo.Private && !canSee(repo)))
        {
            Errors.Add(new JsonObject
            {
                ["type"] = "NOT_FOUND",
                ["path"] = new JsonArray(field.Key),
                ["locations"] = new JsonArray(field.Location),
                ["message"] = $"Could not resolve to a Repository with the name '{fullName}'.",
            });
            return null;
        }

        return Select(field.Selections!, "Repository", f => f.Name switch
        {
            "id" => GitHubUserJson.NodeId("010:Repository", repo.Id),
            "databaseId" => repo.Id,
            "name" => repo.Name,
            "nameWithOwner" => repo.FullName,
            "isPrivate" => repo.Private,
            "createdAt" => Json.Iso(repo.CreatedAt),
            "pushedAt" => Json.Iso(repo.PushedAt),
            "updatedAt" => Json.Iso(repo.UpdatedAt),
            "defaultBranchRef" => repo.Branches.TryGetValue(repo.DefaultBranch, out var head) ? Ref(f.Selections!, repo, "refs/heads/", repo.DefaultBranch, head) : null,
            "refs" => Refs(f, repo),
            "pullRequests" => Connection(f, Filter(repo.Pulls, f, p => p.State, p => p.CreatedAt, p => p.UpdatedAt), "PullRequest", p => (p.Id, p.Number, p.Title, p.State, p.CreatedAt, p.UpdatedAt)),
            "issues" => Connection(f, Filter(repo.Issues, f, i => i.State, i => i.CreatedAt, i => i.UpdatedAt), "Issue", i => (i.Id, i.Number, i.Title, i.State, i.CreatedAt, i.UpdatedAt)),
            "commitComments" => Page(f, repo.CommitComments, "CommitComment", (c, x) => x.Name switch
            {
                "id" => GitHubUserJson.NodeId("013:CommitComment", c.Id),
                "databaseId" => c.Id,
                "body" => c.Body,
                "createdAt" or "updatedAt" => Json.Iso(c.CreatedAt),
                _ => null,
            }),
            _ => null,
        });
    }

    /// <summary>Branches by name (GitHub's default order) or tags; <c>TAG_COMMIT_DATE</c> orders tags by their commit's time.</summary>
    private JsonObject Refs(GitHubGraphQlField field, SimRepo repo)
    {
        var prefix = field.Str("refPrefix") ?? "";
        var refs = prefix switch
        {
            "refs/heads/" => repo.Branches.ToList(),
            "refs/tags/" => GitHubPollExtras.Of(repo).Tags.ToList(),
            _ => [],
        };
        var order = field.Arguments.GetValueOrDefault("orderBy") as JsonObject;
        var byCommitDate = Json.Str(order ?? [], "field") == "TAG_COMMIT_DATE";
        DateTimeOffset When(string sha) => repo.Commits.FirstOrDefault(c => c.Sha == sha)?.Timestamp ?? DateTimeOffset.MinValue;
        var sorted = byCommitDate
            ? refs.OrderBy(r => When(r.Value)).ThenBy(r => r.Key, StringComparer.Ordinal).ToList()
            : refs.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
        if (Json.Str(order ?? [], "direction") == "DESC") sorted.Reverse();
        return Page(field, sorted, "Ref", (r, x) => x.Name switch
        {
            "name" => r.Key,
            "prefix" => prefix,
            "id" => GitHubUserJson.NodeId("03:Ref", Math.Abs((long)StableIds.From(prefix + r.Key).GetHashCode())),
            "target" => Target(x.Selections!, repo, r.Value),
            _ => null,
        });
    }

    private JsonObject? Ref(IReadOnlyList<GitHubGraphQlField> selections, SimRepo repo, string prefix, string name, string sha) =>
        Select(selections, "Ref", x => x.Name switch
        {
            "name" => name,
            "prefix" => prefix,
            "id" => GitHubUserJson.NodeId("03:Ref", Math.Abs((long)StableIds.From(prefix + name).GetHashCode())),
            "target" => Target(x.Selections!, repo, sha),
            _ => null,
        });

    /// <summary>A branch head is always a Commit here (GitHub's GitObject could also be a Tree, Blob or Tag).</summary>
    private static JsonObject Target(IReadOnlyList<GitHubGraphQlField> selections, SimRepo repo, string sha) =>
        Select(selections, "Commit", x => x.Name switch
        {
            "oid" => sha,
            "abbreviatedOid" => sha[..7],
            "statusCheckRollup" => GitHubStatusRollup.State(repo, sha) is { } state ? Select(x.Selections!, "StatusCheckRollup", y => y.Name switch
            {
                "state" => state,
                "id" => GitHubUserJson.NodeId("017:StatusCheckRollup", Math.Abs((long)StableIds.From(sha).GetHashCode())),
                _ => null,
            }) : null,
            _ => null,
        });

    /// <summary>Pull requests or issues filtered by <c>states</c> and ordered by <c>orderBy</c> (default: created, ascending).</summary>
    private static List<T> Filter<T>(IEnumerable<T> items, GitHubGraphQlField field, Func<T, string> state, Func<T, DateTimeOffset> created, Func<T, DateTimeOffset> updated)
    {
        var states = (field.Arguments.GetValueOrDefault("states") as JsonArray)?.Select(s => s?.GetValue<string>()).ToHashSet();
        var order = field.Arguments.GetValueOrDefault("orderBy") as JsonObject ?? [];
        Func<T, DateTimeOffset> key = Json.Str(order, "field") == "UPDATED_AT" ? updated : created;
        var list = items.Where(i => states is null || states.Contains(state(i).ToUpperInvariant())).OrderBy(key).ToList();
        if (Json.Str(order, "direction") == "DESC") list.Reverse();
        return list;
    }

    private JsonObject Connection<T>(GitHubGraphQlField field, List<T> items, string type,
        Func<T, (long Id, int Number, string Title, string State, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)> view) =>
        Page(field, items, type, (item, x) =>
        {
            var v = view(item);
            return x.Name switch
            {
                "id" => GitHubUserJson.NodeId(type == "Issue" ? "05:Issue" : "011:PullRequest", v.Id),
                "databaseId" => v.Id,
                "number" => v.Number,
                "title" => v.Title,
                "state" => v.State.ToUpperInvariant(),
                "createdAt" => Json.Iso(v.CreatedAt),
                "updatedAt" => Json.Iso(v.UpdatedAt),
                _ => null,
            };
        });

    /// <summary>A connection's <c>totalCount</c> and the first or last page of <c>nodes</c>.</summary>
    private JsonObject Page<T>(GitHubGraphQlField field, IReadOnlyList<T> items, string type, Func<T, GitHubGraphQlField, JsonNode?> node)
    {
        var page = field.Int("first") is { } first ? items.Take(first) : items.TakeLast(field.Int("last") ?? items.Count);
        return Select(field.Selections!, type + "Connection", x => x.Name switch
        {
            "totalCount" => items.Count,
            "nodes" => new JsonArray(page.Select(i => (JsonNode?)Select(x.Selections!, type, y => node(i, y))).ToArray()),
            _ => null,
        });
    }

    private static JsonObject Select(IReadOnlyList<GitHubGraphQlField> selections, string type, Func<GitHubGraphQlField, JsonNode?> value)
    {
        var o = new JsonObject();
        foreach (var field in selections)
        {
            if (field.On is null)
            {
                o[field.Key] = field.Name == "__typename" ? type : value(field);
                continue;
            }

            // An inline fragment whose type condition does not apply to this object adds nothing.
            if (!GitHubGraphQlSchema.Overlaps(field.On, type)) continue;
            foreach (var (key, node) in Select(field.Selections!, type, value).ToArray())
            {
                o[key] = node?.DeepClone();
            }
        }

        return o;
    }
}
