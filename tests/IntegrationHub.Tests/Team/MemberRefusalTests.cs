using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Team;

/// <summary>
/// Every owner action, posted by a member with their cookie: refused on the server (403 from an owner-only endpoint
/// with the reason; 400 from a page that renders the member no form, so the framework finds nothing to submit) and
/// every table an owner's action could touch is unchanged, row for row.
/// </summary>
public sealed class MemberRefusalTests
{
    public static TheoryData<string> Actions =>
    [
        "connect-oauth", "reconnect-oauth", "connect-azure-devops", "connect-bitbucket-dc", "connect-own-app", "add-token", "disconnect",
        "connect-github-token", "connect-gitlab-token",
        "watch-mode", "watch", "watch-bulk", "sync-mode", "rotate-hook-secret",
        "api-key-create", "api-key-revoke",
        "webhook-create", "webhook-toggle", "webhook-delete", "webhook-rotate", "webhook-replay",
        "member-invite", "member-role", "member-remove", "invitation-revoke",
    ];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task Member_is_refused_and_nothing_changes(string action)
    {
        await using var w = await HubWorld.StartAsync();
        var s = await RoleSeed.CreateAsync(w);
        var before = await TeamSteps.FingerprintAsync(w);

        var (response, expected) = await PostAsync(s, action);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Contains("Only an owner of this tenant can do this", await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(before, await TeamSteps.FingerprintAsync(w));
    }

    private static async Task<(HttpResponseMessage, HttpStatusCode)> PostAsync(RoleSeed s, string action)
    {
        var m = s.Member;
        const HttpStatusCode Endpoint = HttpStatusCode.Forbidden, NoForm = HttpStatusCode.BadRequest;
        return action switch
        {
            "connect-oauth" => (await TeamSteps.PostAsync(m, "/integrations", "/integrations/connect/github"), Endpoint),
            "reconnect-oauth" => (await TeamSteps.PostAsync(m, "/integrations", "/integrations/connect/github", ("connectionId", s.ConnectionId.ToString())), Endpoint),
            "connect-azure-devops" => (await Page(m, "/integrations/azure-devops", "azure-devops",
                ("Input.OrganizationUrl", "https://dev.azure.com/fabrikam"), ("Input.Pat", "pat-123")), Endpoint),
            "connect-bitbucket-dc" => (await Page(m, "/integrations/bitbucket-dc", "bitbucket-dc",
                ("Input.BaseUrl", "https://bb.example.test"), ("Input.ProjectKey", "PRJ"), ("Input.RepositorySlug", "other")), Endpoint),
            "connect-own-app" => (await Page(m, "/integrations/gitlab/own-app", "own-app",
                ("Input.BaseUrl", "https://gitlab.example.test"), ("Input.ClientId", "id"), ("Input.ClientSecret", "secret")), NoForm),
            "add-token" => (await Page(m, $"/integrations/{s.WebhookOnlyId}/token", "add-token", ("Input.Pat", "pat-123")), Endpoint),
            // The token forms' posts for scripts (TokenConnectEndpoints) are owners' only; the pages show members no form.
            "connect-github-token" => (await Page(m, "/integrations/github/token", "github-token", ("Input.Token", "ghp_member-token")), Endpoint),
            "connect-gitlab-token" => (await Page(m, "/integrations/gitlab/token", "gitlab-token", ("Input.Token", "glpat-member-token")), Endpoint),
            // The page shows members no button (OwnerActionTests); the post for scripts is owners' only.
            "disconnect" => (await TeamSteps.PostAsync(m, $"/integrations/{s.ConnectionId}/disconnect", $"/integrations/{s.ConnectionId}/disconnect"), Endpoint),
            "watch-mode" => (await TeamSteps.PostAsync(m, "/repositories", "/repositories/watch-mode", ("connectionId", s.ConnectionId.ToString()), ("mode", "selected")), Endpoint),
            "watch" => (await TeamSteps.PostAsync(m, "/repositories", "/repositories/watch", ("repositoryId", s.RepositoryId.ToString()), ("watched", "false")), Endpoint),
            "watch-bulk" => (await TeamSteps.PostAsync(m, "/repositories", "/repositories/watch-bulk", ("connectionId", s.ConnectionId.ToString()),
                ("watched", "false"), ("all", "true")), Endpoint),
            "sync-mode" => (await TeamSteps.PostAsync(m, "/repositories", "/repositories/sync-mode", ("connectionId", s.ConnectionId.ToString()), ("mode", "poll")), Endpoint),
            "rotate-hook-secret" => (await TeamSteps.PostAsync(m, "/repositories", "/repositories/rotate", ("hookId", s.HookId.ToString())), Endpoint),
            // The interactive pages call the services on their circuit (OwnerActionTests); their actions stay on HTTP too.
            "api-key-create" => (await TeamSteps.PostAsync(m, "/settings/api-keys", "/settings/api-keys/new", ("name", "sneaky"), ("scopes", "connections:read")), Endpoint),
            "api-key-revoke" => (await TeamSteps.PostAsync(m, "/settings/api-keys", $"/settings/api-keys/{s.ApiKeyId}/revoke"), Endpoint),
            "webhook-create" => (await TeamSteps.PostAsync(m, "/settings/webhooks", "/settings/webhooks/new", ("url", "https://203.0.113.11/x")), Endpoint),
            "webhook-toggle" => (await TeamSteps.PostAsync(m, "/settings/webhooks", $"/settings/webhooks/{s.SubscriptionId}/toggle", ("enable", "false")), Endpoint),
            "webhook-delete" => (await TeamSteps.PostAsync(m, "/settings/webhooks", $"/settings/webhooks/{s.SubscriptionId}/delete"), Endpoint),
            "webhook-rotate" => (await TeamSteps.PostAsync(m, "/settings/webhooks", $"/settings/webhooks/{s.SubscriptionId}/rotate"), Endpoint),
            "webhook-replay" => (await TeamSteps.PostAsync(m, "/settings/webhooks", $"/settings/webhooks/{s.SubscriptionId}/replay", ("since", "2026-01-01T00:00")), Endpoint),
            "member-invite" => (await TeamSteps.PostAsync(m, "/settings/members", "/settings/members/invitations", ("email", "eve@a.test"), ("role", "owner")), Endpoint),
            "member-role" => (await TeamSteps.PostAsync(m, "/settings/members", "/settings/members/role", ("userId", s.OwnerUserId.ToString()), ("role", "member")), Endpoint),
            "member-remove" => (await TeamSteps.PostAsync(m, "/settings/members", "/settings/members/remove", ("userId", s.OwnerUserId.ToString())), Endpoint),
            "invitation-revoke" => (await TeamSteps.PostAsync(m, "/settings/members", "/settings/members/invitations/revoke", ("invitationId", s.InvitationId.ToString())), Endpoint),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "no such row"),
        };
    }

    private static Task<HttpResponseMessage> Page(HttpClient browser, string url, string handler, params (string Name, string Value)[] fields) =>
        Forms.SubmitAsync(browser, url, handler, fields.ToDictionary(f => f.Name, f => f.Value));
}
