using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using IntegrationHub.ProviderSim.Tests.Infrastructure;

namespace IntegrationHub.ProviderSim.Tests.GitLab;

public sealed class GitLabApiTests
{
    private const string Api = "/gitlab/api/v4";

    [Fact]
    public async Task Projects_page_by_offset_headers_and_by_keyset_links()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("gitlab", 2, 25, ownerPrefix: "group");
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));

        using var first = await api.GetAsync(Api + "/projects?membership=true&per_page=20");
        Assert.Equal("50", first.Headers.GetValues("X-Total").Single());
        Assert.Equal("2", first.Headers.GetValues("X-Next-Page").Single());
        using var last = await api.GetAsync(Api + "/projects?membership=true&per_page=20&page=3");
        Assert.Equal("", last.Headers.GetValues("X-Next-Page").Single());
        Assert.Equal(10, JsonNode.Parse(await last.Content.ReadAsStringAsync())!.AsArray().Count);

        var ids = new List<long>();
        string? url = Api + "/projects?pagination=keyset&order_by=id&sort=asc&per_page=20";
        while (url is not null)
        {
            using var page = await api.GetAsync(url);
            ids.AddRange(JsonNode.Parse(await page.Content.ReadAsStringAsync())!.AsArray().Select(p => (long)p!["id"]!));
            url = page.Headers.TryGetValues("Link", out var link) ? link.Single().Split('<', '>')[1] : null;
        }

        Assert.Equal(50, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task Hook_crud_and_push_delivery_with_token_and_idempotency_key()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start();
        var seed = await sim.Seed("gitlab", 1, 1, ownerPrefix: "group");
        var projectId = (long)seed["sample"]![0]!["id"]!;
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        using var created = await api.PostAsJsonAsync($"{Api}/projects/group1%2Frepo1/hooks", new
        {
            url = rx.Url, token = "s3cret", push_events = true, merge_requests_events = true, note_events = true, pipeline_events = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.Equal("executable", (string)hook["alert_status"]!);
        Assert.Null(hook["token"]);
        var hookId = (long)hook["id"]!;
        Assert.Single((await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/{projectId}/hooks"))!);
        var updated = await (await api.PutAsJsonAsync($"{Api}/projects/{projectId}/hooks/{hookId}", new { issues_events = true })).Content.ReadFromJsonAsync<JsonNode>();
        Assert.True((bool)updated!["issues_events"]!);

        await sim.Event("push", new { provider = "gitlab", repo = "group1/repo1" });
        await sim.Event("pull-request-open", new { provider = "gitlab", repo = "group1/repo1", branch = "feature", title = "MR" });
        await sim.Event("comment", new { provider = "gitlab", repo = "group1/repo1", number = 1, body = "@demo look" });
        await sim.Event("run", new { provider = "gitlab", repo = "group1/repo1", conclusion = "failure" });
        await sim.WaitForDeliveries();
        var push = rx.WithHeader("X-Gitlab-Event", "Push Hook")[0];
        Assert.Equal("s3cret", push.Header("X-Gitlab-Token"));
        Assert.True(Guid.TryParse(push.Header("Idempotency-Key"), out _));
        Assert.True(Guid.TryParse(push.Header("X-Gitlab-Webhook-UUID"), out _));
        Assert.Equal(sim.BaseUrl + "/gitlab", push.Header("X-Gitlab-Instance"));
        Assert.Single(rx.WithHeader("X-Gitlab-Event", "Merge Request Hook"));
        Assert.Equal("MergeRequest", (string)rx.WithHeader("X-Gitlab-Event", "Note Hook")[0].Json["object_attributes"]!["noteable_type"]!);
        Assert.Equal("failed", (string)rx.WithHeader("X-Gitlab-Event", "Pipeline Hook")[0].Json["object_attributes"]!["status"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"{Api}/projects/{projectId}/hooks/{hookId}")).StatusCode);
    }

    [Fact]
    public async Task Polling_filters_events_by_date_and_merge_requests_by_updated_after()
    {
        await using var sim = await SimHost.Start();
        await sim.Seed("gitlab", 1, 1, ownerPrefix: "group");
        using var api = sim.Client("PRIVATE-TOKEN-unused", "x");
        api.DefaultRequestHeaders.Authorization = null;
        api.DefaultRequestHeaders.Add("PRIVATE-TOKEN", await sim.Pat("gitlab", null, "read_api"));
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        await sim.Event("pull-request-open", new { provider = "gitlab", repo = "group1/repo1", branch = "f", title = "MR" });
        await sim.Event("comment", new { provider = "gitlab", repo = "group1/repo1", number = 1, body = "note" });
        await sim.Event("run", new { provider = "gitlab", repo = "group1/repo1", conclusion = "success" });

        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");
        var events = await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/group1%2Frepo1/events?after={yesterday}");
        Assert.Contains(events!, e => (string)e!["action_name"]! == "commented on");
        Assert.Empty((await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/group1%2Frepo1/events?after={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"))!);

        var mrs = await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/group1%2Frepo1/merge_requests?updated_after={Uri.EscapeDataString(before.ToString("O"))}");
        Assert.Equal("opened", (string)Assert.Single(mrs!)!["state"]!);
        Assert.Empty((await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/group1%2Frepo1/merge_requests?updated_after={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"))!);
        Assert.Single((await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/group1%2Frepo1/merge_requests/1/notes"))!);
        Assert.Single((await api.GetFromJsonAsync<JsonArray>($"{Api}/projects/group1%2Frepo1/pipelines?updated_after={Uri.EscapeDataString(before.ToString("O"))}"))!);

        // Writing needs the api scope; the read_api token above only reads.
        using var writer = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        using var note = await writer.PostAsJsonAsync($"{Api}/projects/group1%2Frepo1/merge_requests/1/notes", new { body = "from the hub" });
        Assert.Equal(HttpStatusCode.Created, note.StatusCode);
    }

    [Fact]
    public async Task Hook_is_disabled_temporarily_from_the_fourth_failure_and_re_enabled_by_put()
    {
        await using var sim = await SimHost.Start();
        await using var rx = await Receiver.Start(status: 500);
        await sim.Seed("gitlab", 1, 1, ownerPrefix: "group");
        using var api = sim.Client("Bearer", await sim.Pat("gitlab", null, "api"));
        var hook = await (await api.PostAsJsonAsync($"{Api}/projects/group1%2Frepo1/hooks", new { url = rx.Url, push_events = true })).Content.ReadFromJsonAsync<JsonNode>();
        var hookUrl = $"{Api}/projects/group1%2Frepo1/hooks/{hook!["id"]}";
        for (var i = 0; i < 6; i++)
        {
            await sim.Event("push", new { provider = "gitlab", repo = "group1/repo1" });
            await sim.WaitForDeliveries();
        }

        Assert.Equal(4, rx.Requests.Count); // the 5th and 6th never left: the hook was backing off
        var state = await api.GetFromJsonAsync<JsonNode>(hookUrl);
        Assert.Equal("temporarily_disabled", (string)state!["alert_status"]!);
        Assert.NotNull((string?)state["disabled_until"]);

        rx.Status = 200;
        var enabled = await (await api.PutAsJsonAsync(hookUrl, new { push_events = true })).Content.ReadFromJsonAsync<JsonNode>();
        Assert.Equal("executable", (string)enabled!["alert_status"]!);
        await sim.Event("push", new { provider = "gitlab", repo = "group1/repo1" });
        await sim.WaitForDeliveries();
        Assert.Equal(5, rx.Requests.Count);
    }
}
