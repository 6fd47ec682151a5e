using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers.Api;
using IntegrationHub.Providers.Poll;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// One GraphQL query asks up to 50 repositories for what moves when anything a poll reads happens: the pushed-at time,
/// the default branch and the first 100 branch heads, each head's check and status rollup, the newest tag, the most
/// recently updated pull request and issue (a comment or a review updates them), and the commit comment count. About 3
/// points of the 5,000 an hour; REST's 5,000 requests are left to the full reads of what moved. The repository's own
/// updatedAt is left out: stars and settings move it, and none of those is an event the poll reports.
/// https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api
/// </summary>
/// <remarks>
/// GitHub's GraphQL has no workflow runs on Repository. A head's <c>statusCheckRollup</c> (Commit, nullable: null until
/// the commit has a check run or a commit status; https://docs.github.com/graphql/reference/objects#statuscheckrollup)
/// is the combined <c>StatusState</c> (ERROR, EXPECTED, FAILURE, PENDING, SUCCESS) of its check runs (every workflow
/// run is a check suite) and its latest commit status per context. So a run that starts or finishes, or a status
/// posted, on a head that did not move shows as a moved fingerprint. It is an object, not a connection: GitHub counts
/// points and nodes by connections only, so the probe still costs what it did. It does not catch a change that leaves
/// the combined state as it was: a second run finishing with the same result, one status of several going from success
/// to success, a run on a commit no branch here points at (a fork's pull request) or on a branch past the first 100.
/// The hot window after a move (Hub:Poll:HotSeconds) and each repository's full read in turn (Hub:Poll:FullReadSeconds)
/// still catch those.
/// </remarks>
internal sealed class GitHubChangeProbe(ApiTransport api) : IChangeProbe
{
    private const string Fields = """
        databaseId nameWithOwner pushedAt
        defaultBranchRef { name target { oid ... on Commit { statusCheckRollup { state } } } }
        branches: refs(refPrefix: "refs/heads/", first: 100) { totalCount nodes { name target { oid ... on Commit { statusCheckRollup { state } } } } }
        tags: refs(refPrefix: "refs/tags/", first: 1, orderBy: {field: TAG_COMMIT_DATE, direction: DESC}) { totalCount nodes { name } }
        pullRequests(first: 1, orderBy: {field: UPDATED_AT, direction: DESC}) { totalCount nodes { number updatedAt } }
        issues(first: 1, orderBy: {field: UPDATED_AT, direction: DESC}) { totalCount nodes { number updatedAt } }
        commitComments(last: 1) { totalCount }
        """;

    /// <summary>Names the fingerprint's shape: a change to <see cref="Fields"/> must change it, so no stored one matches.</summary>
    private const string Version = "gh2:";

    public int MaxRepositories => 50;

    public async Task<ChangeProbeResult> ProbeAsync(IReadOnlyList<RepositoryRef> repositories, CancellationToken cancellationToken)
    {
        if (repositories.Count is 0 || repositories.Count > MaxRepositories)
        {
            throw new ArgumentOutOfRangeException(nameof(repositories), $"A probe asks about 1 to {MaxRepositories} repositories.");
        }

        JsonObject body = Query(repositories);
        Uri url = GraphQlUrl(api.Endpoints.ApiRoot);
        ApiResponse answer;
        try
        {
            answer = await api.SendAsync(HttpMethod.Post, url, body, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderApiException ex)
        {
            return ChangeProbeResult.Failed(repositories.Count, ex);
        }

        return Read(answer, url, repositories.Count);
    }

    /// <summary>github.com: <c>api.github.com/graphql</c>; Enterprise Server: <c>/api/graphql</c> beside <c>/api/v3</c>.</summary>
    internal static Uri GraphQlUrl(Uri apiRoot)
    {
        string root = apiRoot.AbsoluteUri.TrimEnd('/');
        return root.EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase)
            ? new Uri(root[..^"/v3".Length] + "/graphql")
            : new Uri(root + "/graphql");
    }

    private static JsonObject Query(IReadOnlyList<RepositoryRef> repositories)
    {
        var text = new StringBuilder("query(");
        var variables = new JsonObject();
        for (int i = 0; i < repositories.Count; i++)
        {
            (string owner, string name) = repositories[i].SplitPath();
            variables[$"o{i}"] = owner;
            variables[$"n{i}"] = name;
            text.Append(i == 0 ? string.Empty : ", ").Append($"$o{i}: String!, $n{i}: String!");
        }

        text.Append(") { rateLimit { cost limit remaining resetAt }");
        for (int i = 0; i < repositories.Count; i++)
        {
            text.Append($" r{i}: repository(owner: $o{i}, name: $n{i}) {{ ").Append(Fields).Append(" }");
        }

        text.Append(" }");
        return new JsonObject { ["query"] = text.ToString(), ["variables"] = variables };
    }

    /// <summary>
    /// GitHub answers query errors with 200 and an <c>errors</c> list: one naming an alias (NOT_FOUND, no access) leaves
    /// that repository without a fingerprint; RATE_LIMITED, or errors with no data at all, fail the whole probe.
    /// </summary>
    private ChangeProbeResult Read(ApiResponse answer, Uri url, int count)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(answer.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException ex)
        {
            return ChangeProbeResult.Failed(count, api.BadResponse(url, "the GraphQL answer is not JSON", ex));
        }

        var errors = (root?["errors"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (errors.FirstOrDefault(e => (string?)e["type"] == "RATE_LIMITED") is { } limited)
        {
            // Still 200: the reset comes from the GraphQL resource's X-RateLimit-Reset header.
            return ChangeProbeResult.Failed(count, new ProviderApiException(ProviderKind.GitHub, ProviderApiErrorKind.RateLimited,
                $"github: POST {url.AbsolutePath}: GraphQL rate limit reached ({(string?)limited["message"]})",
                System.Net.HttpStatusCode.OK, (string?)limited["message"], answer.RateLimit?.ResetAt, answer.RateLimit));
        }

        if (root?["data"] is not JsonObject data)
        {
            string why = errors.Count > 0 ? (string?)errors[0]["message"] ?? "an error" : "no data";
            return ChangeProbeResult.Failed(count, api.BadResponse(url, $"the GraphQL answer has no data ({why})"));
        }

        var fingerprints = new string?[count];
        for (int i = 0; i < count; i++)
        {
            fingerprints[i] = data[$"r{i}"] is JsonObject repository ? Fingerprint(repository) : null;
        }

        return new ChangeProbeResult(fingerprints, null);
    }

    private static string Fingerprint(JsonObject repository)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(repository.ToJsonString()));
        return Version + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
