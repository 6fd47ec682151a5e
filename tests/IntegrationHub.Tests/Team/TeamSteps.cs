using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>The team tests' steps over the world: owners and members signed in with cookies, invitations, a database fingerprint.</summary>
internal static class TeamSteps
{
    /// <summary>Every table an owner's action could change; a refused action leaves each one as it was, row for row.</summary>
    private static readonly string[] Watched =
    [
        "tenants", "memberships", "invitations", "connections", "repositories", "hooks", "api_keys", "subscriptions",
        "outbound_deliveries", "oauth_states", "open_jobs", "audit_log",
    ];

    /// <summary>Signs <paramref name="email"/> up as the owner of a new tenant and returns the browser and the tenant.</summary>
    public static async Task<(HttpClient Browser, Guid TenantId)> OwnerAsync(HubWorld w, string email, string tenant)
    {
        var browser = await w.SignedUpAsync(email, tenant);
        var tenantId = await w.ScalarAsync<Guid>("SELECT m.tenant_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1", email);
        return (browser, tenantId);
    }

    /// <summary>
    /// A person with an account (and a tenant of their own) made a plain member of <paramref name="tenantId"/> by SQL,
    /// the way an accepted invitation leaves it, and switched to it.
    /// </summary>
    public static async Task<HttpClient> MemberAsync(HubWorld w, string email, Guid tenantId)
    {
        var browser = await w.SignedUpAsync(email, "Home of " + email);
        await w.ExecAsync("INSERT INTO memberships (tenant_id, user_id, role, created_at) SELECT $1, id, 'member', now() FROM users WHERE email = $2", tenantId, email);
        await SwitchAsync(browser, tenantId);
        return browser;
    }

    public static async Task SwitchAsync(HttpClient browser, Guid tenantId)
    {
        var switched = await Forms.SubmitAsync(browser, "/", null, new Dictionary<string, string> { ["tenantId"] = tenantId.ToString() }, action: "/account/switch-tenant");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }

    public static Task<Guid> UserIdAsync(HubWorld w, string email) => w.ScalarAsync<Guid>("SELECT id FROM users WHERE email = $1", email);

    public static Task<string?> RoleAsync(HubWorld w, Guid tenantId, string email) =>
        w.TextAsync("SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND u.email = $2", tenantId, email);

    /// <summary>Posts an endpoint's form fields with the antiforgery token of <paramref name="page"/>.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient browser, string page, string action, params (string Name, string Value)[] fields) =>
        Forms.SubmitAsync(browser, page, null, fields.ToDictionary(f => f.Name, f => f.Value), action);

    /// <summary>
    /// Owner's invitation over HTTP (the members page makes it on its circuit); returns the link shown once (null when
    /// refused). Extra fields are posted too: the form names no tenant, whatever it carries.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, string? Link)> InviteAsync(HttpClient owner, string email, string role = "member",
        params (string Name, string Value)[] extra)
    {
        var response = await PostAsync(owner, "/settings/members", "/settings/members/invitations", [("email", email), ("role", role), .. extra]);
        string body = await response.Content.ReadAsStringAsync();
        string? link = response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.GetProperty("link").GetString() : null;
        return (response, link);
    }

    /// <summary>The path of an invitation link (/invitations/TOKEN), for the test client.</summary>
    public static string PathOf(string link) => new Uri(link).AbsolutePath;

    /// <summary>An md5 of every row of every watched table: equal before and after means nothing changed.</summary>
    public static async Task<Dictionary<string, string>> FingerprintAsync(HubWorld w)
    {
        var prints = new Dictionary<string, string>();
        foreach (string table in Watched)
        {
            prints[table] = (await w.TextAsync($"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) || ':' || count(*) FROM {table} t"))!;
        }

        return prints;
    }
}
