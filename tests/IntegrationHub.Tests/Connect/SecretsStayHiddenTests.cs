using IntegrationHub.Connect;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IntegrationHub.Tests.Connect;

/// <summary>Tokens and client secrets never appear in clear text in the logs, the pages or the database.</summary>
public sealed class SecretsStayHiddenTests
{
    [Fact]
    public async Task Tokens_and_secrets_never_appear_in_logs_html_or_the_database()
    {
        var logs = new LogCapture();
        await using var h = await ConnectHarness.StartAsync(settings: new Dictionary<string, string?> { ["Logging:LogLevel:IntegrationHub"] = "Trace", ["Logging:LogLevel:Microsoft"] = "Trace", ["Logging:LogLevel:System"] = "Trace" }, logs: logs);
        var browser = await h.SignUpAsync("ada@a.test", "Tenant A");
        await h.ConnectPlatformAsync(browser, "gitlab");
        var c = await ConnectDb.SingleAsync(h);
        var protector = h.Services.GetRequiredService<ISecretProtector>();
        string access = protector.Unprotect(c.AccessTokenProtected!), refresh = protector.Unprotect(c.RefreshTokenProtected!);
        // Refresh too, so the new pair passes through the code paths that log.
        await h.Services.GetRequiredService<IConnectionApis>().CredentialsAsync(c.Id, afterUnauthorized: true, CancellationToken.None);
        var refreshed = await ConnectDb.SingleAsync(h);
        string[] secrets = [access, refresh, protector.Unprotect(refreshed.AccessTokenProtected!), protector.Unprotect(refreshed.RefreshTokenProtected!), "demo-gitlab-secret"];

        var html = new List<string>();
        foreach (string page in new[] { "/integrations", $"/integrations/{c.Id}/disconnect", "/activity", "/" })
        {
            html.Add(await (await browser.GetAsync(page)).Content.ReadAsStringAsync());
        }

        string database = await DumpTextAsync(h.Hub.ConnectionString);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(html, page => page.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, database, StringComparison.Ordinal);
        }

        Assert.NotEmpty(logs.Lines);
        Assert.Contains("glo-", access);
    }

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
