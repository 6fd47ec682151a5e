using IntegrationHub.Data;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Actions;

/// <summary>
/// Finds what an action acts on through <see cref="HubDb"/>'s tenant query filter: another tenant's repository or event
/// is simply not found, so the answer is 404 and nothing reaches a provider.
/// </summary>
internal sealed class ActionTargets(HubDb db)
{
    public async Task<ActionTarget?> RepositoryAsync(Guid repositoryId, CancellationToken ct)
    {
        var repository = await db.Repositories.AsNoTracking().FirstOrDefaultAsync(r => r.Id == repositoryId, ct);
        if (repository is null)
        {
            return null;
        }

        var connection = await db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == repository.ConnectionId, ct);
        return connection is not null && ProviderSlugs.TryParse(connection.Provider, out var kind)
            ? new ActionTarget(repository, connection, ProviderCatalog.For(kind).Descriptor)
            : null;
    }

    public Task<StoredEvent?> EventAsync(long eventId, CancellationToken ct) =>
        db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);

    /// <summary>Why the connection cannot write (a 409), or null when it can try. The token itself is never looked at here.</summary>
    public static ActionAnswer? Refusal(Connection connection) => connection.Status switch
    {
        ConnectionStatus.Revoked => Conflict("The connection was revoked by a platform administrator; nothing can be written through it."),
        ConnectionStatus.Disconnected => Conflict("The connection is disconnected; its owner has to connect it again before anything can be written through it."),
        ConnectionStatus.NeedsReauthorization => ProviderFailures.ConnectionNeedsReauthorization(),
        _ when connection.GitHubSuspendedAt is not null =>
            Conflict("The connection's GitHub App installation is suspended on GitHub; nothing can be written through it until it is unsuspended there."),
        _ when connection.AuthKind == AuthKinds.GitHubApp => null, // writes with the installation's token, not a stored one
        _ when connection.AccessTokenProtected is null && connection.RefreshTokenProtected is null =>
            Conflict("The connection is webhook only: it has no token to write with. Its owner can add a token to it in the hub."),
        _ => null,
    };

    public static ActionAnswer NotFound(string what) => ActionAnswer.Problem(StatusCodes.Status404NotFound, $"There is no {what} with this id.", keep: false);

    private static ActionAnswer Conflict(string detail) => ActionAnswer.Problem(StatusCodes.Status409Conflict, detail, keep: false);
}
