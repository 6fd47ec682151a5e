using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Events;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// The events about an installation itself, sent to the app's webhook only: <c>installation</c> (created, deleted,
/// suspend, unsuspend) and <c>installation_repositories</c> (added, removed).
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation,
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
/// </summary>
internal sealed class GitHubAppWebhooks(SimStore store, EventPublisher publisher)
{
    /// <summary><paramref name="repositories"/>: listed on created and deleted, as GitHub does; null for suspend and unsuspend.</summary>
    public void Installation(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, string action,
        IReadOnlyList<SimRepo>? repositories, SimUser sender)
    {
        if (!app.Hook.Active) return;
        JsonObject body;
        lock (store.Gate)
        {
            body = new JsonObject { ["action"] = action, ["installation"] = GitHubAppJson.Installation(u, installation, app, store, webhook: true) };
            if (repositories is not null) body["repositories"] = Minimal(repositories);
            body["sender"] = GitHubUserJson.User(u, sender);
        }

        Send(u, app, "installation", action, body);
    }

    public void Repositories(GitHubUrls u, GitHubApp app, GitHubAppInstallation installation, IReadOnlyList<SimRepo> added,
        IReadOnlyList<SimRepo> removed, SimUser sender)
    {
        if (!app.Hook.Active || (added.Count == 0 && removed.Count == 0)) return;
        var action = added.Count > 0 ? "added" : "removed";
        JsonObject body;
        lock (store.Gate)
        {
            body = new JsonObject
            {
                ["action"] = action,
                ["installation"] = GitHubAppJson.Installation(u, installation, app, store, webhook: true),
                ["repository_selection"] = installation.RepositorySelection,
                ["repositories_added"] = Minimal(added),
                ["repositories_removed"] = Minimal(removed),
                ["requester"] = null,
                ["sender"] = GitHubUserJson.User(u, sender),
            };
        }

        Send(u, app, "installation_repositories", action, body);
    }

    private void Send(GitHubUrls u, GitHubApp app, string name, string action, JsonObject body)
    {
        var guid = Guid.NewGuid();
        publisher.DeliverNow(app.Hook, GitHubWebhookFormatter.Sign(u, app.Hook, name, action, body, guid, "integration", app.Id), guid);
    }

    private static JsonArray Minimal(IEnumerable<SimRepo> repos) => new(repos.Select(r => (JsonNode?)new JsonObject
    {
        ["id"] = r.Id,
        ["node_id"] = GitHubUserJson.NodeId("010:Repository", r.Id),
        ["name"] = r.Name,
        ["full_name"] = r.FullName,
        ["private"] = r.Private,
    }).ToArray());
}
