using System.Net;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Foundation;

/// <summary>
/// An unknown e-mail must not answer faster than a known one with a wrong password. Time itself is not asserted (the
/// machine is loaded); what makes the time is: the same page, and the same database commands, one by one.
/// </summary>
public sealed class SignInDatabaseWorkTests
{
    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_run_the_same_database_commands_and_get_the_same_page()
    {
        await using var world = await HubWorld.StartAsync();
        var web = PeerAddress.On(world.Hub);
        await Forms.SignUpAsync(PeerAddress.Browser(web, "192.0.2.1"), "ada@example.test", "Engines");
        using var recorder = new SqlRecorder();

        var (known, knownSql) = await SignInAsync(web, recorder, "198.51.100.1", "ada@example.test");
        var (unknown, unknownSql) = await SignInAsync(web, recorder, "198.51.100.2", "nobody@example.test");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await PageShape.OfAsync(known, "ada@example.test"), await PageShape.OfAsync(unknown, "nobody@example.test"));
        Assert.Contains(knownSql, sql => sql.StartsWith("UPDATE users", StringComparison.Ordinal)); // Identity's failed-count write
        Assert.Contains(knownSql, sql => sql.Contains("FROM memberships", StringComparison.Ordinal));
        Assert.Equal(knownSql, unknownSql);
    }

    /// <summary>A wrong password for <paramref name="email"/> from a fresh browser, with the commands its page and post ran.</summary>
    private static async Task<(HttpResponseMessage Response, IReadOnlyList<string> Sql)> SignInAsync(
        Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> web, SqlRecorder recorder, string peer, string email)
    {
        var browser = PeerAddress.Browser(web, peer);
        var trace = SqlRecorder.Trace(browser);
        var response = await Forms.SignInAsync(browser, email, "wrong-password");
        return (response, recorder.Commands(trace));
    }
}
