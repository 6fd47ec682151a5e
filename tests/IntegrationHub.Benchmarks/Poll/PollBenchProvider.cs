using System.Globalization;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.Benchmarks.Poll;

/// <summary>
/// One provider as the poll benchmark seeds it: the slug the hub stores, the simulator's, a connection's base URL, and
/// each seeded repository's address as discovery would have stored it (external id, path, Azure's project), plus the
/// provider's documented per-token limit and whether the simulator enforces it in this run.
/// </summary>
internal sealed record PollBenchProvider(string Slug, string SimSlug, string Limit, int? EnforcedPerMinute)
{
    /// <summary>Azure DevOps repositories live in projects of an organization; the simulator's default one.</summary>
    private const string AzureOrganization = "demo-org";

    public static PollBenchProvider Parse(string name) => name switch
    {
        "github" => new("github", "github", "5,000 requests an hour (304s free), 900 points a minute per endpoint, 80 creations a minute", null),
        // GitLab.com: 2,000 authenticated API requests a minute per user; the simulator reports it and enforces it as a budget.
        "gitlab" => new("gitlab", "gitlab", "2,000 requests a minute per user (enforced by the simulator here)", 2000),
        "bitbucket" or "bitbucket-cloud" => new("bitbucket-cloud", "bitbucket", "about 1,000 requests an hour per user for repository data (not enforced by the simulator)", null),
        "bitbucket-dc" => new("bitbucket-dc", "bitbucket-dc", "a token bucket per user set by the server's admin, off unless turned on (not enforced by the simulator)", null),
        "azure-devops" => new("azure-devops", "azure-devops", "delays, then 429, past 200 times a typical user's load (TSTUs) in a sliding 5 minutes, not a request count (not enforced by the simulator)", null),
        _ => throw new ArgumentException($"--provider {name}: one of github, gitlab, bitbucket, bitbucket-dc, azure-devops"),
    };

    public bool IsGitHub => Slug == "github";

    /// <summary>A connection's base URL at the simulator (Azure's names the organization).</summary>
    public string BaseUrl(string simUrl) => Slug switch
    {
        "azure-devops" => $"{simUrl}/azure-devops/{AzureOrganization}",
        _ => $"{simUrl}/{SimSlug}",
    };

    /// <summary>The seed request: owners (groups, workspaces, projects) of up to 1,000 repositories each.</summary>
    public object Seed(int repositories, int perOwner) => new
    {
        provider = SimSlug, owners = (repositories + perOwner - 1) / perOwner, reposPerOwner = perOwner, organization = AzureOrganization,
    };

    /// <summary>
    /// Repository n (1-based) as the hub stores it. The simulator numbers seeded repositories one after another and derives
    /// uuids from names, so both are computed; <see cref="Check"/> compares them with the seed's own sample first.
    /// </summary>
    public (string ExternalId, string FullPath, string? Project) Address(int n, int perOwner, long firstId)
    {
        string owner = $"org{1 + ((n - 1) / perOwner)}";
        string name = $"repo{1 + ((n - 1) % perOwner)}";
        string id = (firstId + n - 1).ToString(CultureInfo.InvariantCulture);
        return Slug switch
        {
            // The GitHub benchmark has always stored n as the id: the poll addresses GitHub repositories by path.
            "github" => (n.ToString(CultureInfo.InvariantCulture), $"{owner}/{name}", null),
            "bitbucket-cloud" => ("{" + Uuid("BitbucketCloud", $"{owner}//{name}") + "}", $"{owner}/{name}", null),
            "bitbucket-dc" => (id, $"{owner.ToUpperInvariant()}/{name}", null),
            "azure-devops" => (Uuid("AzureDevOps", $"{AzureOrganization}/{owner}/{name}").ToString(), $"{owner}/{name}", owner),
            _ => (id, $"{owner}/{name}", null),
        };
    }

    /// <summary>Fails unless the computed addresses match the seed's sample (the first repositories it made).</summary>
    public void Check(JsonNode seed, int perOwner, long firstId)
    {
        var sample = seed["sample"]!.AsArray();
        for (int i = 0; i < sample.Count; i++)
        {
            (string externalId, _, _) = Address(i + 1, perOwner, firstId);
            string expected = Slug switch
            {
                "github" => externalId,
                "bitbucket-cloud" => "{" + (string)sample[i]!["uuid"]! + "}",
                "azure-devops" => (string)sample[i]!["uuid"]!,
                _ => ((long)sample[i]!["id"]!).ToString(CultureInfo.InvariantCulture),
            };
            if (expected != externalId)
            {
                throw new InvalidOperationException($"seeded repository {i + 1}: the simulator says {expected}, the benchmark computed {externalId}");
            }
        }
    }

    private static Guid Uuid(string providerName, string path) => StableIds.From($"repo:{providerName}:{path}");
}
