using System.Net.Sockets;
using Npgsql;

namespace IntegrationHub.Data;

/// <summary>
/// Runs a host's start-up migration and turns the failures an operator can fix (database unreachable or refusing,
/// an applied migration edited) into one plain line on stderr instead of an unhandled exception's stack dump.
/// </summary>
public static class MigratorStartup
{
    /// <summary>The exit code a host uses when it cannot start; 1 stays for crashes, so scripts can tell them apart.</summary>
    public const int CannotStartExitCode = 2;

    /// <summary>True when migrated (or migration is off); otherwise the reason is written to <paramref name="error"/>.</summary>
    public static async Task<bool> TryMigrateAsync(Func<CancellationToken, Task> migrate, string hostName, TextWriter error, CancellationToken ct)
    {
        try
        {
            await migrate(ct);
            return true;
        }
        catch (Exception ex) when (Explain(ex) is { } reason)
        {
            await error.WriteLineAsync($"{hostName} cannot start: {reason}".AsMemory(), ct);
            return false;
        }
    }

    /// <summary>The line to print for a failure we expect at start-up; null for anything else, which stays a crash.</summary>
    public static string? Explain(Exception ex) => ex switch
    {
        MigrationChecksumException e => $"applied migration(s) {string.Join(", ", e.Changed)} changed after they ran. "
            + "Restore the original file(s) from version control and put the change in a new migration.",
        // The server answered, with an error (wrong password, no such database, a migration's SQL failed).
        PostgresException e => $"PostgreSQL refused: {e.SqlState} {OneLine(e.MessageText)}. "
            + "Check the user, password and database in ConnectionStrings:Hub (environment ConnectionStrings__Hub) and the server's log.",
        NpgsqlException or SocketException or TimeoutException => $"PostgreSQL is unreachable ({Describe(ex)}). "
            + "Start PostgreSQL, or point ConnectionStrings:Hub (environment ConnectionStrings__Hub) at a server this machine can reach.",
        _ => null,
    };

    // Npgsql's own message says where it tried ("Failed to connect to 127.0.0.1:1"); the inner one says why.
    // Neither carries the connection string's password.
    private static string Describe(Exception ex) =>
        ex.InnerException is { } inner && inner.Message != ex.Message ? $"{OneLine(ex.Message)}: {OneLine(inner.Message)}" : OneLine(ex.Message);

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim().TrimEnd('.');
}
