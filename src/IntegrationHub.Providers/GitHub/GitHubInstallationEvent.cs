using System.Text.Json;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Providers.GitHub;

/// <summary>
/// What a GitHub App's <c>installation</c> or <c>installation_repositories</c> delivery says, as the hub applies it to the
/// app connection holding the installation. GitHub sends <c>updated_at</c> and <c>suspended_at</c> as ISO-8601 text in some
/// of these events and as epoch seconds in others (the shared fixtures hold both), so both are read.
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation,
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation_repositories
/// </summary>
public sealed record GitHubInstallationEvent(string? Action, long InstallationId, DateTimeOffset? UpdatedAt, DateTimeOffset? SuspendedAt,
    IReadOnlyList<GitHubInstallationRepository> Added, IReadOnlyList<GitHubInstallationRepository> Removed)
{
    /// <summary>The event, or null when the body names no installation id.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static GitHubInstallationEvent? Parse(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.Long("installation.id") is not { } installationId)
        {
            return null;
        }

        return new GitHubInstallationEvent(root.Text("action"), installationId, Time(root, "installation.updated_at"),
            Time(root, "installation.suspended_at"), Repositories(root, "repositories_added"), Repositories(root, "repositories_removed"));
    }

    /// <summary>In UTC whatever offset the text had: the hub compares and stores these as instants.</summary>
    private static DateTimeOffset? Time(JsonElement root, string path) => (root.UnixDate(path, milliseconds: false) ?? root.Date(path))?.ToUniversalTime();

    private static List<GitHubInstallationRepository> Repositories(JsonElement root, string path) =>
        [.. root.Array(path)
            .Where(r => r.Long("id") is not null && r.Text("full_name") is not null)
            .Select(r => new GitHubInstallationRepository(r.RequireStr("id"), r.RequireStr("full_name"), r.Bool("private") == true))];
}
