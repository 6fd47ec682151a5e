using IntegrationHub.ProviderAccess;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace IntegrationHub.Tests.Connect;

/// <summary>Tokens and client secrets never appear in clear text in the logs, the pages or the database.</summary>
public sealed class SecretsStayHiddenTests
{
    [Fact]
    public async Task Tokens_and_secrets_never_appear_in_logs_html_or_the_database()
    {
        var logs = new LogCapture();
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { Settings = new Dictionary<string, string?> { ["Logging:LogLevel:IntegrationHub"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace", ["Logging:LogLevel:System"] = "Trace" }, Services = s => s.AddSingleton<ILoggerProvider>(logs) });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        await world.ConnectPlatformAsync(browser, "gitlab");
        var c = await world.SingleConnectionAsync();
        var protector = world.Hub.Services.GetRequiredService<ISecretProtector>();
        string access = protector.Unprotect(c.AccessTokenProtected!), refresh = protector.Unprotect(c.RefreshTokenProtected!);
        // Refresh too, so the new pair passes through the code paths that log.
        await world.Hub.Services.GetRequiredService<IConnectionApis>().CredentialsAsync(c.Id, afterUnauthorized: true, CancellationToken.None);
        var refreshed = await world.SingleConnectionAsync();
        string[] secrets = [access, refresh, protector.Unprotect(refreshed.AccessTokenProtected!), protector.Unprotect(refreshed.RefreshTokenProtected!), "demo-gitlab-secret"];

        var html = new List<string>();
        foreach (string page in new[] { "/integrations", $"/integrations/{c.Id}/disconnect", "/activity", "/" })
        {
            html.Add(await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
        }

        string database = await DumpTextAsync(world.ConnectionString);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(html, page => page.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }

        Assert.NotEmpty(logs.Lines);
        Assert.Contains("glo-", access);
    }

    [Fact]
    public async Task Tenant_client_secret_and_personal_access_tokens_never_appear_in_logs_html_or_the_database()
    {
        var logs = new LogCapture();
        await using var world = await HubWorld.StartAsync(PlatformApps.Options() with { Settings = new Dictionary<string, string?> { ["Logging:LogLevel:IntegrationHub"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace", ["Logging:LogLevel:System"] = "Trace" }, Services = s => s.AddSingleton<ILoggerProvider>(logs) });
        await world.ControlAsync("seed", new { provider = "azure-devops", owners = 1, reposPerOwner = 1, organization = "demo-org" });
        await world.ControlAsync("repos", new { provider = "bitbucket-dc", owner = "PRJ", name = "app", user = "demo" });
        var browser = await world.SignedUpAsync("ada@a.test", "Tenant A");
        const string refusedPat = "ado-refused-token-7c3e91";

        // The tenant's own GitLab app: its secret is used at connect, at a forced refresh, and at the revoke on disconnect.
        Assert.StartsWith("/integrations?connected=", await OwnAppFlowTests.ConnectOwnAppAsync(world, browser, "gitlab", "gitlab"));
        var own = await world.SingleConnectionAsync();
        await world.Hub.Services.GetRequiredService<IConnectionApis>().CredentialsAsync(own.Id, afterUnauthorized: true, CancellationToken.None);
        var html = new List<string>
        {
            await SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new() { ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = refusedPat }),
            await SubmitAsync(browser, "/integrations/azure-devops", "azure-devops", new() { ["Input.OrganizationUrl"] = $"{world.SimUrl}/azure-devops/demo-org", ["Input.Pat"] = "ado-demo-personal-token" }),
            await SubmitAsync(browser, "/integrations/bitbucket-dc", "bitbucket-dc", new()
            {
                ["Input.BaseUrl"] = $"{world.SimUrl}/bitbucket-dc", ["Input.ProjectKey"] = "PRJ", ["Input.RepositorySlug"] = "app", ["Input.Pat"] = "bbdc-demo-personal-token",
            }),
            await SubmitAsync(browser, "/integrations/gitlab/own-app", "own-app", new()
            {
                ["Input.BaseUrl"] = "https://10.1.2.3", ["Input.ClientId"] = OwnAppFlowTests.ClientId, ["Input.ClientSecret"] = OwnAppFlowTests.ClientSecret,
            }),
        };
        var all = await world.ConnectionsAsync();
        Assert.Equal(3, all.Count(c => c.AccessTokenProtected is not null));
        foreach (string page in all.Select(c => $"/integrations/{c.Id}/disconnect").Concat(["/integrations", "/activity", "/"]))
        {
            html.Add(await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
        }

        string database = await DumpTextAsync(world.ConnectionString);
        foreach (var c in all)
        {
            html.Add(await (await CleanupPosts.DisconnectAsync(browser, c.Id)).Content.ReadAsStringAsync());
        }

        database += await DumpTextAsync(world.ConnectionString);
        foreach (string secret in new[] { OwnAppFlowTests.ClientSecret, "ado-demo-personal-token", "bbdc-demo-personal-token", refusedPat })
        {
            string? logged = logs.Lines.FirstOrDefault(line => line.Contains(secret, StringComparison.Ordinal));
            Assert.True(logged is null, $"{secret} logged: {logged}");
            int shown = html.FindIndex(page => page.Contains(secret, StringComparison.Ordinal));
            Assert.True(shown < 0, $"{secret} in page {shown}: {(shown < 0 ? "" : html[shown])}");
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }

        Assert.All(await world.ConnectionsAsync(), c => Assert.Equal("done", c.CleanupStatus));
        Assert.Contains(html, page => page.Contains("did not accept this token", StringComparison.Ordinal));
    }

    private static async Task<string> SubmitAsync(HttpClient browser, string page, string handler, Dictionary<string, string> fields) =>
        await (await Forms.SubmitAsync(browser, page, handler, fields)).Content.ReadAsStringAsync();

    /// <summary>Every row of every table in the public schema, as text.</summary>
    private static async Task<string> DumpTextAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                tables.Add(r.GetString(0));
            }
        }

        var all = new System.Text.StringBuilder();
        foreach (string table in tables)
        {
            await using var cmd = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                all.AppendLine(r.GetString(0));
            }
        }

        return all.ToString();
    }
}
