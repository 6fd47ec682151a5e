using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using static IntegrationHub.ProviderSim.Tests.GitHubApps.GitHubAppWorld;

namespace IntegrationHub.ProviderSim.Tests.GitHubApps;

/// <summary>
/// The app's one webhook: repository events of the installation's repositories with <c>installation</c> in the body
/// and the app as hook target, signed with the app's secret; installation and installation_repositories events when
/// the installation changes, shaped as the fixtures; and its deliveries at <c>/app/hook/deliveries</c>.
/// </summary>
public sealed class GitHubAppWebhookTests : IAsyncLifetime
{
    private Infrastructure.Receiver _rx = null!;
    private GitHubAppWorld _w = null!;

    public async Task InitializeAsync()
    {
        _rx = await Infrastructure.Receiver.Start();
        _w = await Start(_rx.Url);
    }

    public async Task DisposeAsync()
    {
        await _w.DisposeAsync();
        await _rx.DisposeAsync();
    }

    [Fact]
    public async Task App_webhook_gets_pushes_of_installed_repositories_only_signed_with_the_app_secret()
    {
        await _w.Sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        await _w.Sim.Event("push", new { provider = "github", repo = "acme1/repo3" });
        await _w.Sim.WaitForDeliveries();

        var push = Assert.Single(_rx.WithHeader("X-GitHub-Event", "push"));
        using var app = _w.AsApp();
        var (_, self) = await Send(app, HttpMethod.Get, Api + "/app/hook/config");
        Assert.Equal("acme1/repo1", (string)push.Json["repository"]!["full_name"]!);
        Assert.Equal(_w.InstallationId, (long)push.Json["installation"]!["id"]!);
        Assert.Equal("integration", push.Header("X-GitHub-Hook-Installation-Target-Type"));
        Assert.Equal(_w.AppId.ToString(System.Globalization.CultureInfo.InvariantCulture), push.Header("X-GitHub-Hook-Installation-Target-ID"));
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("app-secret"), push.Body)), push.Header("X-Hub-Signature-256"));
        Assert.Equal(_rx.Url, (string)self!["url"]!);
        // The push itself is checked in GitHubShapeTests; these fixtures have no commits, so commits are left out here.
        Infrastructure.Shape.Matches(push.Json, ["github/push.with-installation.json", "github/push.with-organization.json"],
            ["installation.id", "installation.node_id", "repository.full_name", "after"], ["commits", "head_commit"]);
    }

    [Fact]
    public async Task App_webhook_hears_nothing_from_a_suspended_installation()
    {
        await _w.Sim.Control($"github/installations/{_w.InstallationId}/suspend", new { });
        await _w.Sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        await _w.Sim.WaitForDeliveries();

        Assert.Empty(_rx.WithHeader("X-GitHub-Event", "push"));
        var suspend = Assert.Single(_rx.WithHeader("X-GitHub-Event", "installation"), r => (string)r.Json["action"]! == "suspend");
        Assert.Equal("octocat", (string)suspend.Json["installation"]!["suspended_by"]!["login"]!);
        Infrastructure.Shape.Matches(suspend.Json, ["github/installation.suspend.json"], ["action", "installation.id", "installation.suspended_at", "installation.account.login", "sender.login"]);
    }

    [Fact]
    public async Task Installation_events_follow_install_repository_changes_and_uninstall_and_match_the_fixtures()
    {
        var created = await Delivered("installation", "created");
        await _w.Sim.Control($"github/installations/{_w.InstallationId}/repositories", new { add = new[] { "acme1/repo3" }, remove = new[] { "acme1/repo1" } });
        var added = await Delivered("installation_repositories", "added");
        var removed = await Delivered("installation_repositories", "removed");
        using var app = _w.AsApp();
        await Send(app, HttpMethod.Delete, $"{Api}/app/installations/{_w.InstallationId}");
        var deleted = await Delivered("installation", "deleted");

        Assert.Equal(["acme1/repo1", "acme1/repo2"], Names(created["repositories"]));
        Assert.Equal(["acme1/repo3"], Names(added["repositories_added"]));
        Assert.Equal(["acme1/repo1"], Names(removed["repositories_removed"]));
        Assert.Equal(["acme1/repo2", "acme1/repo3"], Names(deleted["repositories"]));
        Assert.Equal(_w.InstallationId, (long)deleted["installation"]!["id"]!);
        // Older payloads (2019) write installation times as Unix seconds, newer ones (2021) ISO: the simulator writes ISO.
        string[] iso = ["github/installation.suspend.json"];
        string[] keys = ["action", "installation.id", "installation.app_id", "installation.account.login", "installation.repository_selection", "installation.permissions.contents", "sender.login"];
        Infrastructure.Shape.Matches(created, ["github/installation.created.json", .. iso], [.. keys, "repositories[].full_name"]);
        Infrastructure.Shape.Matches(deleted, ["github/installation.deleted.json", .. iso], [.. keys, "repositories[].id"]);
        Infrastructure.Shape.Matches(added, ["github/installation_repositories.added.json", .. iso], [.. keys, "repository_selection", "repositories_added[].node_id"]);
        Infrastructure.Shape.Matches(removed, ["github/installation_repositories.removed.json", .. iso], [.. keys, "repositories_removed[].full_name"]);
    }

    [Fact]
    public async Task App_hook_deliveries_are_listed_and_redelivered()
    {
        await _w.Sim.Event("push", new { provider = "github", repo = "acme1/repo2" });
        await _w.Sim.WaitForDeliveries();
        using var app = _w.AsApp();

        var (_, listed) = await Send(app, HttpMethod.Get, Api + "/app/hook/deliveries");
        var push = listed!.AsArray().Single(d => (string)d!["event"]! == "push")!;
        var (_, detail) = await Send(app, HttpMethod.Get, $"{Api}/app/hook/deliveries/{(long)push["id"]!}");
        var (again, _) = await Send(app, HttpMethod.Post, $"{Api}/app/hook/deliveries/{(long)push["id"]!}/attempts");
        await _w.Sim.WaitForDeliveries();
        var (other, _) = await Send(app, HttpMethod.Get, $"{Api}/app/hook/deliveries/{(long)push["id"]! + 424242}");

        Assert.Equal(2, listed.AsArray().Count); // installation.created, then the push
        Assert.Equal(_w.InstallationId, (long)push["installation_id"]!);
        Assert.Equal(_w.InstallationId, (long)detail!["request"]!["payload"]!["installation"]!["id"]!);
        Assert.Equal(202, again);
        Assert.Equal(2, _rx.WithHeader("X-GitHub-Delivery", (string)push["guid"]!).Count);
        Assert.Equal(404, other);
    }

    [Fact]
    public async Task App_hook_deliveries_are_cursor_paged_newest_first_with_a_Link_header_as_GitHub_pages_them()
    {
        await _w.Sim.Event("push", new { provider = "github", repo = "acme1/repo1" });
        await _w.Sim.Event("push", new { provider = "github", repo = "acme1/repo2" });
        await _w.Sim.WaitForDeliveries();
        using var app = _w.AsApp();

        // installation.created and two pushes: two on the first page, one on the page its Link header names.
        using var first = await app.GetAsync(Api + "/app/hook/deliveries?per_page=2");
        var firstPage = JsonNode.Parse(await first.Content.ReadAsStringAsync())!.AsArray();
        string link = first.Headers.GetValues("Link").Single();
        string next = link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
        using var second = await app.GetAsync(next);
        var secondPage = JsonNode.Parse(await second.Content.ReadAsStringAsync())!.AsArray();

        Assert.EndsWith("rel=\"next\"", link, StringComparison.Ordinal);
        Assert.Contains("cursor=", next, StringComparison.Ordinal);
        Assert.Equal(2, firstPage.Count);
        Assert.Equal(["push", "push"], firstPage.Select(d => (string)d!["event"]!));
        Assert.Equal("installation", (string)Assert.Single(secondPage)!["event"]!);
        Assert.True((long)firstPage[0]!["id"]! > (long)firstPage[1]!["id"]!);
        Assert.False(second.Headers.Contains("Link"));
        Assert.All(firstPage.Concat(secondPage), d => Assert.Equal("OK", (string)d!["status"]!));
    }

    private async Task<JsonNode> Delivered(string name, string action)
    {
        await _w.Sim.WaitForDeliveries();
        return Assert.Single(_rx.WithHeader("X-GitHub-Event", name), r => (string)r.Json["action"]! == action).Json;
    }

    private static string[] Names(JsonNode? repos) => repos!.AsArray().Select(r => (string)r!["full_name"]!).ToArray();
}
