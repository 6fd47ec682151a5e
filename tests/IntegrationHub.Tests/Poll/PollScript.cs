using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Poll;

/// <summary>
/// A burst of activity in two phases (a poll runs between them: Bitbucket keeps no push log, so one head move per
/// branch per look is what it can recover): pushes, pull requests opened, updated by a push, commented, merged and
/// closed, issues where the provider has them, pipelines and commit statuses.
/// </summary>
internal static class PollScript
{
    public static async Task PhaseOneAsync(HubWorld w, SimRepo repo)
    {
        string p = repo.Provider;
        bool bitbucket = p is "bitbucket-cloud" or "bitbucket-dc";
        await w.ControlAsync("events/push", new { provider = p, repo = repo.FullName, branch = bitbucket ? "main" : "feature-a", commits = 2 });
        JsonNode pr = await w.ControlAsync("events/pull-request-open", new { provider = p, repo = repo.FullName, branch = "feature-b", title = "Add b", body = "cc @octocat" });
        await w.ControlAsync("events/comment", new { provider = p, repo = repo.FullName, number = (int)pr["number"]!, on = "pull", body = "Looks good" });

        if (p is "github" or "gitlab")
        {
            JsonNode issue = await w.ControlAsync("events/issue-open", new { provider = p, repo = repo.FullName, title = "Bug", body = "It breaks" });
            await w.ControlAsync("events/comment", new { provider = p, repo = repo.FullName, number = (int)issue["number"]!, on = "issue", body = "Seen" });
            await w.ControlAsync("events/issue-close", new { provider = p, repo = repo.FullName, number = (int)issue["number"]! });
        }

        if (p == "github")
        {
            await w.ControlAsync("events/status", new { provider = p, repo = repo.FullName, branch = "main", state = "success", context = "ci/lint" });
        }
    }

    public static async Task PhaseTwoAsync(HubWorld w, SimRepo repo)
    {
        string p = repo.Provider;
        await w.ControlAsync("events/pull-request-update", new { provider = p, repo = repo.FullName, number = 1, push = true });
        await w.ControlAsync("events/pull-request-merge", new { provider = p, repo = repo.FullName, number = 1 });
        JsonNode second = await w.ControlAsync("events/pull-request-open", new { provider = p, repo = repo.FullName, branch = "feature-c", title = "Add c" });
        await w.ControlAsync("events/pull-request-close", new { provider = p, repo = repo.FullName, number = (int)second["number"]! });
        if (p != "bitbucket-dc")
        {
            await w.ControlAsync("events/run", new { provider = p, repo = repo.FullName, branch = "main", name = "CI", conclusion = "failure" });
        }
    }

    /// <summary>The natural keys the hub's webhook normalizers give every delivery the simulator made for this hook, dropped ones included.</summary>
    public static async Task<HashSet<string>> WebhookKeysAsync(HubWorld w, SimRepo repo)
    {
        var deliveries = await w.Sim.GetFromJsonAsync<JsonArray>($"/_sim/deliveries?provider={repo.Provider}&body=true");
        var normalizer = ProviderCatalog.For(repo.Kind).Normalizer;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode? d in deliveries!)
        {
            var result = normalizer.Normalize((string?)d!["event"], Encoding.UTF8.GetBytes((string)d["body"]!), DateTimeOffset.UtcNow);
            keys.UnionWith(result.Events.Select(e => e.NaturalKey));
        }

        return keys;
    }
}
