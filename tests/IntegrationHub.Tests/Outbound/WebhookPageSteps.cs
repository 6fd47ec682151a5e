using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Tests.Outbound;

/// <summary>What a person does on the webhook pages, the way a browser does it.</summary>
internal static partial class WebhookPageSteps
{
    public const string Url = "https://203.0.113.10/hooks?team=a"; // TEST-NET-3: public, never reached by these tests

    /// <summary>Posts a form whose fields may repeat (checkboxes, a multiple select), with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string pageUrl, string handler, params (string Name, string Value)[] fields)
    {
        // The token of the person's own list page (its layout's forms carry one for every viewer): a forged post to a
        // page that shows them no form (another tenant's subscription, a member's view) uses it the same way.
        string html = await (await browser.GetAsync("/settings/webhooks")).Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html);
        Assert.True(token.Success, "no antiforgery token on /settings/webhooks");
        var all = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)),
            new("_handler", handler),
        };
        all.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await browser.PostAsync(pageUrl, new FormUrlEncodedContent(all));
    }

    /// <summary>The list page creates on its circuit; the same action over HTTP answers the secret once, as JSON.</summary>
    public static Task<HttpResponseMessage> CreateAsync(HttpClient browser, string url, params string[] kinds) =>
        PostAsync(browser, "/settings/webhooks/new", "create-webhook",
            [("url", url), ("description", "CI trigger"), .. kinds.Select(k => ("kinds", k))]);

    /// <summary>The signing secret of a create answer (null when there is none).</summary>
    public static async Task<string?> SecretOfAsync(HttpResponseMessage response)
    {
        string body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.TryGetProperty("secret", out var secret) ? secret.GetString() : null;
    }

    /// <summary>Signs up a person with a tenant of their own and returns their browser and the tenant's id.</summary>
    public static async Task<(HttpClient Browser, Guid TenantId)> SignUpAsync(HubFactory hub, string email, string tenant)
    {
        var browser = hub.Browser();
        await Forms.SignUpAsync(browser, email, tenant);
        await using var db = TestDb.Create(hub.ConnectionString, tenantId: null);
        Guid tenantId = await db.Tenants.Where(t => t.Name == tenant).Select(t => t.Id).SingleAsync();
        return (browser, tenantId);
    }

    /// <summary>Makes <paramref name="email"/> a plain member of <paramref name="tenantId"/> and selects that tenant.</summary>
    public static async Task JoinAsMemberAsync(HubFactory hub, HttpClient browser, string email, Guid tenantId)
    {
        await using (var db = TestDb.Create(hub.ConnectionString, tenantId: null))
        {
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            db.Memberships.Add(new() { TenantId = tenantId, UserId = userId, Role = "member", CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }

        var switched = await Forms.SubmitAsync(browser, "/", null, new Dictionary<string, string> { ["tenantId"] = tenantId.ToString() }, action: "/account/switch-tenant");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }

    public static async Task<IntegrationHub.Data.Subscription?> FindAsync(HubFactory hub, Guid tenantId, Guid? id = null)
    {
        await using var db = TestDb.Create(hub.ConnectionString, tenantId);
        return await db.Subscriptions.AsNoTracking().Where(s => id == null || s.Id == id).OrderBy(s => s.CreatedAt).FirstOrDefaultAsync();
    }

    /// <summary>An event of the tenant with a delivery to the subscription that failed for good, and its last attempt.</summary>
    public static async Task<long> SeedFailedDeliveryAsync(HubFactory hub, Guid tenantId, Guid subscriptionId)
    {
        await using var data = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = data.CreateCommand("""
            WITH c AS (
                INSERT INTO connections (id, tenant_id, provider, base_url, display_name, account_id, account_login, status, auth_kind, created_at, updated_at)
                VALUES (gen_random_uuid(), $1, 'github', 'https://github.com', 'gh', 'a1', 'alice', 'active', 'pat', now(), now()) RETURNING id),
            r AS (
                INSERT INTO repositories (id, tenant_id, connection_id, external_id, full_path, default_branch, first_seen_at, last_seen_at)
                SELECT gen_random_uuid(), $1, c.id, '1', 'org/repo', 'main', now(), now() FROM c RETURNING id, connection_id),
            e AS (
                INSERT INTO events (tenant_id, connection_id, repository_id, provider, kind, natural_key, source, occurred_at, recorded_at, payload)
                SELECT $1, r.connection_id, r.id, 'github', 'PullRequestOpened', 'pr-1', 'webhook', now(), now(), '{"kind":"PullRequestOpened"}' FROM r RETURNING id),
            d AS (
                INSERT INTO outbound_deliveries (tenant_id, subscription_id, event_id, message_id, status, attempts, next_attempt_at, last_status, created_at)
                SELECT $1, $2, e.id, 'msg_test_1', 'failed', 8, now(), 500, now() FROM e RETURNING id)
            INSERT INTO outbound_attempts (delivery_id, tenant_id, subscription_id, attempted_at, status_code, duration_ms, error, response_excerpt)
            SELECT d.id, $1, $2, now(), 500, 42, 'HTTP 500', 'receiver exploded' FROM d RETURNING delivery_id
            """);
        cmd.Parameters.Add(new() { Value = tenantId });
        cmd.Parameters.Add(new() { Value = subscriptionId });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    public static async Task<(string Status, int Attempts)> DeliveryAsync(HubFactory hub, long deliveryId)
    {
        await using var data = NpgsqlDataSource.Create(hub.ConnectionString);
        await using var cmd = data.CreateCommand("SELECT status, attempts FROM outbound_deliveries WHERE id = $1");
        cmd.Parameters.Add(new() { Value = deliveryId });
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetInt32(1));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
