using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace IntegrationHub.ProviderSim.Tests.GitHub;

/// <summary>The hub's change probe as the GraphQL tests send it: one alias per repository, owner and name as variables.</summary>
internal static class GitHubGraphQlProbe
{
    public const string Endpoint = "/github/api/graphql";

    public const string RepoFields = """
        databaseId nameWithOwner pushedAt updatedAt
        defaultBranchRef { name target { oid ... on Commit { statusCheckRollup { state } } } }
        branches: refs(refPrefix: "refs/heads/", first: 100) { totalCount nodes { name target { oid ... on Commit { statusCheckRollup { state } } } } }
        tags: refs(refPrefix: "refs/tags/", first: 1, orderBy: {field: TAG_COMMIT_DATE, direction: DESC}) { totalCount nodes { name } }
        pullRequests(first: 1, orderBy: {field: UPDATED_AT, direction: DESC}) { totalCount nodes { number updatedAt } }
        issues(first: 1, orderBy: {field: UPDATED_AT, direction: DESC}) { totalCount nodes { number updatedAt } }
        commitComments(last: 1) { totalCount }
        """;

    /// <summary>The query and variables for repositories given as owner/name, aliased r0..rN.</summary>
    public static object Body(params string[] repos) => Body(RepoFields, repos);

    /// <summary>As <see cref="Body(string[])"/>, asking <paramref name="fields"/> of each repository.</summary>
    public static object Body(string fields, string[] repos)
    {
        var declarations = new StringBuilder();
        var selections = new StringBuilder();
        var variables = new Dictionary<string, string>();
        for (var i = 0; i < repos.Length; i++)
        {
            var (owner, name) = (repos[i].Split('/')[0], repos[i].Split('/')[1]);
            declarations.Append($"$o{i}: String!, $n{i}: String!, ");
            selections.Append($"r{i}: repository(owner: $o{i}, name: $n{i}) {{ {fields} }}\n");
            variables[$"o{i}"] = owner;
            variables[$"n{i}"] = name;
        }

        var query = $"query({declarations.ToString().TrimEnd(',', ' ')}) {{\n rateLimit {{ cost limit remaining used resetAt nodeCount }}\n{selections}}}";
        return new { query, variables };
    }

    /// <summary>The first error entry's field (type, message, ...).</summary>
    public static string FirstError(JsonNode answer, string field = "type") => (string)answer["errors"]![0]![field]!;

    public static async Task<JsonNode> Send(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync(Endpoint, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
