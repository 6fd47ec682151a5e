using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;
using IntegrationHub.ProviderSim.Tests.Shape;

namespace IntegrationHub.ProviderSim.Tests.Fidelity;

/// <summary>One repository on one provider with a hook (Azure: a subscription per event type) that hears everything.</summary>
internal sealed class FidelityWorld : IAsyncDisposable
{
    private FidelityWorld(string provider, string repo, SimHost sim, Receiver rx, HttpClient api)
    {
        Provider = provider;
        Repo = repo;
        Sim = sim;
        Rx = rx;
        Api = api;
    }

    public string Provider { get; }
    public string Repo { get; }
    public SimHost Sim { get; }
    public Receiver Rx { get; }
    public HttpClient Api { get; }

    public static readonly string[] AzureEventTypes =
        ["git.push", "git.pullrequest.created", "git.pullrequest.updated", "git.pullrequest.merged", "ms.vss-code.git-pullrequest-comment-event", "build.complete"];

    public static async Task<FidelityWorld> Create(string provider, string[]? azureEventTypes = null)
    {
        var sim = await SimHost.Start();
        var rx = await Receiver.Start();
        var (prefix, repo) = provider switch
        {
            "github" => ("acme", "acme1/repo1"),
            "gitlab" => ("group", "group1/repo1"),
            "bitbucket" => ("ws", "ws1/repo1"),
            "bitbucket-dc" => ("prj", "PRJ1/repo1"),
            _ => ("proj", "contoso/proj1/repo1"),
        };
        await sim.Seed(provider, 1, 1, ownerPrefix: prefix, organization: provider == "azure-devops" ? "contoso" : null);
        var api = await ShapeWorld.ApiClient(sim, provider);
        var url = rx.Url;
        switch (provider)
        {
            case "github":
                (await api.PostAsJsonAsync("/github/api/v3/repos/acme1/repo1/hooks", new { events = new[] { "*" }, config = new { url, content_type = "json" } })).EnsureSuccessStatusCode();
                break;
            case "gitlab":
                (await api.PostAsJsonAsync("/gitlab/api/v4/projects/group1%2Frepo1/hooks", new
                {
                    url, token = "t", push_events = true, merge_requests_events = true, note_events = true, issues_events = true, pipeline_events = true,
                })).EnsureSuccessStatusCode();
                break;
            case "bitbucket":
                (await api.PostAsJsonAsync("/bitbucket/2.0/repositories/ws1/repo1/hooks", new
                {
                    description = "hub", url, active = true,
                    events = new[] { "repo:push", "pullrequest:created", "pullrequest:updated", "pullrequest:fulfilled", "pullrequest:rejected", "pullrequest:comment_created", "repo:commit_status_updated" },
                })).EnsureSuccessStatusCode();
                break;
            case "bitbucket-dc":
                (await api.PostAsJsonAsync("/bitbucket-dc/rest/api/1.0/projects/PRJ1/repos/repo1/webhooks", new
                {
                    name = "hub", url, active = true,
                    events = new[] { "repo:refs_changed", "pr:opened", "pr:from_ref_updated", "pr:modified", "pr:merged", "pr:declined", "pr:comment:added" },
                })).EnsureSuccessStatusCode();
                break;
            default:
                var r = (await api.GetFromJsonAsync<JsonNode>("/azure-devops/contoso/proj1/_apis/git/repositories"))!["value"]![0]!;
                foreach (var eventType in azureEventTypes ?? AzureEventTypes)
                {
                    (await api.PostAsJsonAsync("/azure-devops/contoso/_apis/hooks/subscriptions", new
                    {
                        publisherId = "tfs", eventType, resourceVersion = "1.0", consumerId = "webHooks", consumerActionId = "httpRequest",
                        publisherInputs = new { projectId = (string)r["project"]!["id"]!, repository = (string)r["id"]! }, consumerInputs = new { url },
                    })).EnsureSuccessStatusCode();
                }

                break;
        }

        await sim.WaitForDeliveries();
        rx.Requests.Clear();
        return new FidelityWorld(provider, repo, sim, rx, api);
    }

    /// <summary>A control event on this world's repository; <paramref name="fields"/> adds to provider and repo.</summary>
    public async Task<JsonNode> Event(string what, Dictionary<string, object?>? fields = null)
    {
        var body = new Dictionary<string, object?>(fields ?? []) { ["provider"] = Provider, ["repo"] = Repo };
        return await Sim.Event(what, body);
    }

    /// <summary>Every delivery received so far with its event name (GitHub: <c>pull_request.edited</c>), in arrival order.</summary>
    public async Task<IReadOnlyList<(string Name, JsonNode Body)>> Received()
    {
        await Sim.WaitForDeliveries();
        return Rx.Requests.Select(r => (Name(r), r.Json)).ToArray();
    }

    private string Name(ReceivedRequest r) => Provider switch
    {
        "github" => r.Header("X-GitHub-Event") + ((string?)r.Json["action"] is { } a ? "." + a : ""),
        "gitlab" => r.Header("X-Gitlab-Event"),
        "bitbucket" or "bitbucket-dc" => r.Header("X-Event-Key"),
        _ => (string)r.Json["eventType"]!,
    };

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Rx.DisposeAsync();
        await Sim.DisposeAsync();
    }
}
