using System.Net;
using IntegrationHub.Tests.Team;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>The own GitHub App page (GitHub Enterprise Server): what to enter at GitHub, saving, editing and who may.</summary>
public sealed class OwnGitHubAppPageTests
{
    private const string Ghes = "https://127.0.0.1:8443";
    private const string Hub = "http://hub.example.test";

    // https only (AllowHttpBaseUrls off), the made-up Enterprise Server allowed although private.
    private static HubWorldOptions Options => new()
    {
        Settings = { ["Hub:PublicBaseUrl"] = Hub, ["Hub:Security:AllowedPrivateHosts:0"] = "127.0.0.1:8443" },
    };

    [Fact]
    public async Task The_page_shows_what_to_enter_at_GitHub_before_anything_is_saved()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Assert.Contains($"href=\"{OwnGitHubAppSteps.Page}\"", await browser.GetStringAsync("/integrations"));

        string html = await browser.GetStringAsync(OwnGitHubAppSteps.Page);

        Assert.Equal(Hub + "/connect/github-app/setup", OwnGitHubAppSteps.Text(html, "github-app-callback-url"));
        Assert.Equal(Hub + "/connect/github-app/setup", OwnGitHubAppSteps.Text(html, "github-app-setup-url"));
        Assert.Equal(Hub + "/webhooks/github-app/{id}", OwnGitHubAppSteps.Text(html, "github-app-webhook-url"));
        Assert.Contains("the id is given once the app is saved", html);
        Assert.Contains("Request user authorization (OAuth) during installation", html);
        Assert.Equal("Repository: Contents: Read-only; Metadata: Read-only; Checks: Read-only; Commit statuses: Read and write; Issues: Read and write; Pull requests: Read and write. Organization: Members: Read-only",
            OwnGitHubAppSteps.Text(html, "github-app-permissions"));
        Assert.Equal("push, pull_request, pull_request_review, issues, issue_comment, check_run, workflow_run, create, delete",
            OwnGitHubAppSteps.Text(html, "github-app-events"));
        Assert.Contains("id=\"github-apps-none\"", html);
    }

    [Theory]
    [InlineData("Input.PrivateKeyPem", "-----BEGIN RSA PRIVATE KEY-----\nnot-a-key\n-----END RSA PRIVATE KEY-----",
        "The private key must be the .pem file GitHub generated for the app (BEGIN RSA PRIVATE KEY).")]
    [InlineData("Input.AppId", "hub-app", "Enter the App ID, the number on the app's settings page (About).")]
    [InlineData("Input.BaseUrl", "http://127.0.0.1:8443", "The address must start with https://.")]
    public async Task A_save_with_a_bad_field_changes_nothing_and_says_why(string field, string value, string why)
    {
        await using var world = await HubWorld.StartAsync(Options);
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        var fields = OwnGitHubAppSteps.Fields(Ghes);
        fields[field] = value;

        using var answer = await OwnGitHubAppSteps.SaveAsync(browser, fields);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        string html = await answer.Content.ReadAsStringAsync();
        Assert.Equal(why, OwnGitHubAppSteps.Error(html));
        Assert.DoesNotContain("the-client-secret", html); // not echoed back, even into the form being corrected
        Assert.DoesNotContain(GitHubAppKeys.Body[..40], html);
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM github_apps"));
        Assert.DoesNotContain("github_app.saved", await world.AuditActionsAsync());
    }

    [Fact]
    public async Task A_good_save_stores_the_secrets_encrypted_and_lists_the_app_with_its_webhook_URL()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");

        Guid id = await OwnGitHubAppSteps.SavedAsync(browser, OwnGitHubAppSteps.Fields(Ghes));

        string row = Assert.Single(await world.QueryAsync(
            "SELECT base_url || ' ' || app_id || ' ' || slug || ' ' || client_secret_protected || ' ' || private_key_protected || ' ' || webhook_secret_protected FROM github_apps WHERE id = $1", id));
        Assert.StartsWith($"{Ghes} 42 acme-hub ", row);
        foreach (string clear in new[] { "BEGIN RSA PRIVATE KEY", GitHubAppKeys.Body[..40], "the-client-secret", "the-webhook-secret" })
        {
            Assert.DoesNotContain(clear, row);
        }

        string html = await browser.GetStringAsync($"{OwnGitHubAppSteps.Page}?saved={id:D}");
        string webhook = $"{Hub}/webhooks/github-app/{id:D}";
        Assert.Equal(webhook, OwnGitHubAppSteps.Text(html, "github-app-webhook-url")); // the guide now names it
        Assert.Equal(webhook, OwnGitHubAppSteps.Text(html, $"github-app-webhook-{id}"));
        Assert.Contains($"<td>{Ghes}</td>", html);
        Assert.Contains($"href=\"/connect/github-app/install?app={id:D}\"", html);
        Assert.DoesNotContain("the-client-secret", html);
        Assert.DoesNotContain("the-webhook-secret", html);

        // The listed URL is the app webhook's: an unsigned delivery there is refused for its signature, not unknown.
        using var unsigned = await world.Browser().PostAsync(new Uri(webhook).PathAndQuery, new StringContent("{}"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
    }

    [Fact]
    public async Task Editing_with_the_secrets_left_blank_keeps_them_and_changes_the_rest()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Guid id = await OwnGitHubAppSteps.SavedAsync(browser, OwnGitHubAppSteps.Fields(Ghes));
        const string Secrets = "SELECT client_secret_protected || private_key_protected || webhook_secret_protected FROM github_apps WHERE id = $1";
        string before = await world.ValueAsync<string>(Secrets, id);

        string edit = $"{OwnGitHubAppSteps.Page}?edit={id:D}";
        string form = await browser.GetStringAsync(edit);
        Assert.Contains($"name=\"Input.Id\" value=\"{id}\"", form);
        Assert.Contains("value=\"acme-hub\"", form); // the saved fields, but never a secret
        Assert.DoesNotContain("the-client-secret", form);
        var fields = OwnGitHubAppSteps.Fields(Ghes, slug: "acme-hub-renamed", clientSecret: "", webhookSecret: "");
        fields["Input.PrivateKeyPem"] = "";
        fields["Input.Id"] = id.ToString();
        using var saved = await OwnGitHubAppSteps.SaveAsync(browser, fields, edit);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("acme-hub-renamed", await world.ValueAsync<string>("SELECT slug FROM github_apps WHERE id = $1", id));
        Assert.Equal(before, await world.ValueAsync<string>(Secrets, id));
        Assert.Equal(1, await world.CountAsync("SELECT count(*) FROM github_apps"));
    }

    [Fact]
    public async Task A_member_sees_the_apps_but_cannot_save_delete_or_install_one()
    {
        await using var world = await HubWorld.StartAsync(Options);
        var owner = await world.SignedUpAsync("ada@a.test", "Tenant A");
        Guid id = await OwnGitHubAppSteps.SavedAsync(owner, OwnGitHubAppSteps.Fields(Ghes));
        Guid tenant = await world.ScalarAsync<Guid>("SELECT tenant_id FROM github_apps WHERE id = $1", id);
        var member = await TeamSteps.MemberAsync(world, "mo@a.test", tenant);
        const string Row = "SELECT slug || updated_at::text FROM github_apps WHERE id = $1";
        string before = await world.ValueAsync<string>(Row, id);

        string html = await member.GetStringAsync(OwnGitHubAppSteps.Page);
        Assert.Contains("id=\"owners-only\"", html);
        Assert.Contains($"id=\"github-app-webhook-{id}\"", html);
        Assert.DoesNotContain("install-github-app-", html);

        // The page renders members no form, so a post finds none to submit (400); the install start is owners' only.
        var fields = OwnGitHubAppSteps.Fields(Ghes, slug: "members-app");
        fields["Input.Id"] = id.ToString();
        Assert.Equal(HttpStatusCode.BadRequest, (await OwnGitHubAppSteps.SaveAsync(member, fields)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await OwnGitHubAppSteps.DeleteAsync(member, id)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/connect/github-app/install?app={id:D}")).StatusCode);
        Assert.Equal(before, await world.ValueAsync<string>(Row, id));
        Assert.Equal(0, await world.CountAsync("SELECT count(*) FROM oauth_states"));
    }
}
