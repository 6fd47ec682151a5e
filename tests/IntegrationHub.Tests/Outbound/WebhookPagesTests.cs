using System.Net;
using System.Text.Json;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static IntegrationHub.Tests.Outbound.WebhookPageSteps;

namespace IntegrationHub.Tests.Outbound;

/// <summary>The dashboard's webhook pages: owners manage, members look, other tenants find nothing.</summary>
public sealed class WebhookPagesTests
{
    [Fact]
    public async Task Owner_creates_a_subscription_from_the_page_and_sees_its_secret_only_once()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");

        var response = await CreateAsync(alice, Url, "PullRequestOpened", "CommentCreatedOnIssue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        string? secret = await SecretOfAsync(response);
        Assert.NotNull(secret);
        Assert.StartsWith("whsec_", secret);
        var stored = await FindAsync(hub, tenantA);
        Assert.NotNull(stored);
        Assert.Equal(Url, stored.Url);
        Assert.Equal(["PullRequestOpened", "CommentCreatedOnIssue"], stored.Kinds);
        Assert.Equal("CI trigger", stored.Description);
        Assert.Equal(secret, hub.Services.GetRequiredService<ISecretProtector>().Unprotect(stored.SecretProtected));

        // Afterwards the list and the detail page show the subscription, never its secret.
        string list = await alice.GetStringAsync("/settings/webhooks");
        string detail = await alice.GetStringAsync($"/settings/webhooks/{stored.Id}");
        Assert.Contains(Url, list);
        Assert.Contains(Url, detail);
        Assert.DoesNotContain(secret, list);
        Assert.DoesNotContain(secret, detail);
        Assert.DoesNotContain("whsec_", list);
        Assert.DoesNotContain("whsec_", detail);
    }

    [Fact]
    public async Task Owner_sees_why_a_url_is_refused_and_nothing_is_stored()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");

        var response = await CreateAsync(alice, "https://169.254.169.254/latest/meta-data");

        // The page shows these errors on its circuit (#webhook-errors, TeamBrowserTests); over HTTP they are a validation problem.
        string html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("private, loopback or link-local", html);
        Assert.DoesNotContain("whsec_", html);
        Assert.Null(await FindAsync(hub, tenantA));
    }

    [Fact]
    public async Task Subscription_disabled_by_the_hub_shows_a_banner_to_owners_until_enabled_again()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, Url);
        var subscription = (await FindAsync(hub, tenantA))!;
        await DisableAsHubAsync(hub, subscription.Id);
        var (bob, _) = await SignUpAsync(hub, "bob@b.test", "Tenant B");
        await JoinAsMemberAsync(hub, bob, "bob@b.test", tenantA);

        string home = await alice.GetStringAsync("/");
        Assert.Contains($"Webhook to <code>{Url}</code> was disabled after 5 days of failures", home);
        Assert.Contains($"href=\"/settings/webhooks/{subscription.Id}\"", home);
        Assert.Contains("Endpoint failed for 5 days", await alice.GetStringAsync("/settings/webhooks"));
        Assert.DoesNotContain("was disabled after", await bob.GetStringAsync("/"));

        var enable = await PostAsync(alice, $"/settings/webhooks/{subscription.Id}/toggle", "toggle-webhook", ("enable", "true"));

        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.EndsWith($"/settings/webhooks/{subscription.Id}?done=enabled", enable.Headers.Location!.ToString());
        Assert.DoesNotContain("was disabled after", await alice.GetStringAsync("/"));
        Assert.True((await FindAsync(hub, tenantA, subscription.Id))!.Enabled);
    }

    [Fact]
    public async Task Owner_rotates_the_secret_and_sees_the_new_one_once_with_the_old_ones_end()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        string first = (await SecretOfAsync(await CreateAsync(alice, Url)))!;
        var subscription = (await FindAsync(hub, tenantA))!;

        // The page rotates on its circuit and says the old secret's end there (TeamBrowserTests); over HTTP the answer carries both.
        var response = await PostAsync(alice, $"/settings/webhooks/{subscription.Id}/rotate", "rotate-secret");

        string? second = await SecretOfAsync(response);
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var after = (await FindAsync(hub, tenantA, subscription.Id))!;
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{after.PreviousValidUntil!.Value.UtcDateTime:yyyy-MM-dd HH:mm:ss}",
            $"{answer.RootElement.GetProperty("previousValidUntil").GetDateTimeOffset().UtcDateTime:yyyy-MM-dd HH:mm:ss}");
        Assert.Equal(second, hub.Services.GetRequiredService<ISecretProtector>().Unprotect(after.SecretProtected));
        Assert.DoesNotContain("whsec_", await alice.GetStringAsync($"/settings/webhooks/{subscription.Id}"));
    }

    [Fact]
    public async Task Owner_deletes_a_subscription_over_http()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, Url);
        var subscription = (await FindAsync(hub, tenantA))!;

        // The pages confirm in a dialog (TeamBrowserTests); scripts post the same action.
        var response = await PostAsync(alice, $"/settings/webhooks/{subscription.Id}/delete", "delete-webhook");
        var again = await PostAsync(alice, $"/settings/webhooks/{subscription.Id}/delete", "delete-webhook");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/settings/webhooks", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Null(await FindAsync(hub, tenantA));
    }

    [Fact]
    public async Task Owner_replays_one_failed_delivery_from_the_attempt_log()
    {
        await using var world = await HubWorld.StartAsync();
        var hub = world.Hub;
        var (alice, tenantA) = await SignUpAsync(hub, "alice@a.test", "Tenant A");
        await CreateAsync(alice, Url);
        var subscription = (await FindAsync(hub, tenantA))!;
        long deliveryId = await SeedFailedDeliveryAsync(hub, tenantA, subscription.Id);

        string detail = await alice.GetStringAsync($"/settings/webhooks/{subscription.Id}");
        Assert.Contains("receiver exploded", detail);
        Assert.Contains($"aria-label=\"Replay delivery {deliveryId}\"", detail);
        var response = await PostAsync(alice, $"/settings/webhooks/{subscription.Id}/replay", "replay-one", ("deliveryId", deliveryId.ToString()));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("?done=replayed&queued=1", response.Headers.Location!.ToString());
        Assert.Equal(("pending", 0), await DeliveryAsync(hub, deliveryId));
    }

    private static async Task DisableAsHubAsync(HubFactory hub, Guid id)
    {
        await using var data = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = data.CreateCommand(
            "UPDATE subscriptions SET enabled = false, disabled_reason = 'Endpoint failed for 5 days', disabled_at = now(), failing_since = now() - interval '5 days' WHERE id = $1");
        cmd.Parameters.Add(new() { Value = id });
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
