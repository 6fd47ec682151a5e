namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// The part of GitHub's GraphQL schema the simulator serves (https://docs.github.com/graphql/reference/objects#repository,
/// #ratelimit, #ref, #commit, #statuscheckrollup, #pullrequest, #issue): per type, its fields, what each returns (null for
/// a scalar), whether it is a connection (paginated with first/last, counted in cost and nodes) and the arguments it
/// takes. A field not listed is refused as GitHub refuses an unknown field; <c>__typename</c> is allowed everywhere.
/// A ref's <c>target</c> is the GitObject interface: a Commit's own fields need <c>... on Commit</c>.
/// </summary>
internal static class GitHubGraphQlSchema
{
    private static readonly string[] Paging = ["first", "last", "after", "before"];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, GitHubGraphQlSchemaField>> Types =
        new Dictionary<string, IReadOnlyDictionary<string, GitHubGraphQlSchemaField>>(StringComparer.Ordinal)
        {
            ["Query"] = Fields(
                ("rateLimit", Object("RateLimit", "dryRun")),
                ("repository", Object("Repository", "owner", "name", "followRenames") with { Required = ["owner", "name"] })),
            ["RateLimit"] = Scalars("cost", "limit", "remaining", "used", "resetAt", "nodeCount"),
            ["Repository"] = Fields(
                [.. Scalars("id", "databaseId", "name", "nameWithOwner", "isPrivate", "createdAt", "pushedAt", "updatedAt").Select(p => (p.Key, p.Value)),
                ("defaultBranchRef", Object("Ref")),
                ("refs", Connection("RefConnection", "refPrefix", "orderBy", "query", "direction") with { Required = ["refPrefix"] }),
                ("pullRequests", Connection("PullRequestConnection", "orderBy", "states", "baseRefName", "headRefName", "labels")),
                ("issues", Connection("IssueConnection", "orderBy", "states", "labels", "filterBy")),
                ("commitComments", Connection("CommitCommentConnection"))]),
            ["Ref"] = Fields([.. Scalars("id", "name", "prefix").Select(p => (p.Key, p.Value)), ("target", Object("GitObject"))]),
            ["GitObject"] = Scalars("oid", "abbreviatedOid"),
            ["Commit"] = Fields([.. Scalars("oid", "abbreviatedOid").Select(p => (p.Key, p.Value)), ("statusCheckRollup", Object("StatusCheckRollup"))]),
            ["StatusCheckRollup"] = Scalars("id", "state"),
            ["RefConnection"] = Fields(("totalCount", Scalar), ("nodes", Object("Ref"))),
            ["PullRequestConnection"] = Fields(("totalCount", Scalar), ("nodes", Object("PullRequest"))),
            ["PullRequest"] = Scalars("id", "databaseId", "number", "title", "state", "createdAt", "updatedAt"),
            ["IssueConnection"] = Fields(("totalCount", Scalar), ("nodes", Object("Issue"))),
            ["Issue"] = Scalars("id", "databaseId", "number", "title", "state", "createdAt", "updatedAt"),
            ["CommitCommentConnection"] = Fields(("totalCount", Scalar), ("nodes", Object("CommitComment"))),
            ["CommitComment"] = Scalars("id", "databaseId", "body", "createdAt", "updatedAt"),
        };

    /// <summary>Interfaces and the served types that implement them, for inline fragments' type conditions.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Implementations = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["GitObject"] = ["Commit"],
    };

    /// <summary>Whether a fragment on <paramref name="condition"/> can apply to an object of <paramref name="type"/>.</summary>
    public static bool Overlaps(string condition, string type) =>
        condition == type
        || Implementations.GetValueOrDefault(condition, []).Contains(type)
        || Implementations.GetValueOrDefault(type, []).Contains(condition);

    private static GitHubGraphQlSchemaField Scalar => new(null, false, [], []);

    private static GitHubGraphQlSchemaField Object(string type, params string[] arguments) => new(type, false, arguments, []);

    private static GitHubGraphQlSchemaField Connection(string type, params string[] arguments) => new(type, true, [.. Paging, .. arguments], []);

    private static Dictionary<string, GitHubGraphQlSchemaField> Scalars(params string[] names) =>
        Fields(names.Select(n => (n, Scalar)).ToArray());

    private static Dictionary<string, GitHubGraphQlSchemaField> Fields(params (string Name, GitHubGraphQlSchemaField Field)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Field, StringComparer.Ordinal);
}
