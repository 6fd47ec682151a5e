using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Verified app deliveries for an installation no connection holds: counted per app and installation in
/// github_app_unknown_installations (with the account and the last event), for operators, and never processed. One
/// upsert per such delivery: they only follow a valid signature of our own app, and come from installations at GitHub that
/// nobody attached (an install flow abandoned half-way, or a connection since deleted).
/// </summary>
internal sealed class UnknownInstallations(NpgsqlDataSource db)
{
    public async Task RecordAsync(IngressApp app, AppDeliveryInstallation installation, string? eventName, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO github_app_unknown_installations (github_app_id, app_id, installation_id, account_login, last_event, deliveries, first_at, last_at)
            VALUES ($1, $2, $3, $4, $5, 1, $6, $6)
            ON CONFLICT (github_app_id, app_id, installation_id) DO UPDATE SET deliveries = github_app_unknown_installations.deliveries + 1,
                account_login = coalesce(excluded.account_login, github_app_unknown_installations.account_login),
                last_event = excluded.last_event, last_at = greatest(github_app_unknown_installations.last_at, excluded.last_at)
            """);
        cmd.Parameters.Add(new() { Value = (object?)app.OwnAppId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new() { Value = app.AppId });
        cmd.Parameters.Add(new() { Value = installation.Id });
        cmd.Parameters.Add(new() { Value = (object?)installation.AccountLogin ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)eventName ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = at });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
