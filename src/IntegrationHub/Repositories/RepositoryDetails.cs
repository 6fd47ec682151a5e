using IntegrationHub.Data;
using IntegrationHub.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Repositories;

/// <summary>
/// The repository page's data. Deliveries, poll rows and events belong to other features' work, so they are read here
/// from the shared Data entities, never through those features' types. HubDb's tenant filter applies to every read: an
/// id of another tenant's repository finds nothing (null, the page's 404).
/// </summary>
internal sealed class RepositoryDetails(HubDb db, TimeProvider clock, IOptions<PollOptions> poll)
{
    public async Task<RepositoryDetail?> LoadAsync(Guid repositoryId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var found = await RepositoryListing.Source(db, now, poll.Value, connectionId: null).Where(s => s.Repository.Id == repositoryId)
            .FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return null;
        }

        var hook = found.Hook is { } h
            ? new RepositoryHookDetail(h.Id, h.Status, h.LastError, h.RegisteredAt, h.LastDeliveryAt, h.LastPingAt, h.AcceptedCount, h.DuplicateCount,
                h.RejectedCount, h.RecoveredByPollCount, SecretRotationStates.Of(h.PreviousSecretProtected is not null, h.PreviousSecretExpiresAt, now),
                h.PreviousSecretExpiresAt)
            : null;

        // Through the repository's hooks (removed ones too, their log stays): deliveries are indexed by hook, not by repository.
        var hookIds = db.Hooks.AsNoTracking().Where(x => x.RepositoryId == repositoryId).Select(x => x.Id);
        var deliveries = await db.Deliveries.AsNoTracking().Where(d => hookIds.Contains(d.HookId))
            .OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id).Take(RepositoryDetail.Recent)
            .Select(d => new RepositoryDeliveryLine(d.Id, d.HookId, d.DeliveryId, d.EventName, d.IsPing, d.ReceivedAt, d.Status, d.Attempts, d.EventCount, d.LastError))
            .ToListAsync(ct);

        RepositoryPollDetail? pollDetail = null;
        if (found.Poll is { } p)
        {
            var streams = await db.PollCursors.AsNoTracking().Where(c => c.RepositoryId == repositoryId).OrderBy(c => c.Stream).ToListAsync(ct);
            pollDetail = new RepositoryPollDetail(p.LastPolledAt, p.NextPollAt, p.LastOutcome, p.LastError, p.ConsecutiveFailures, p.LastDurationMs,
                p.RecoveredEvents, p.CallsLastCycle,
                [.. streams.Select(c => new RepositoryPollStream(c.Stream, c.Cursor, c.Etag is not null, c.UpdatedAt, now - c.UpdatedAt))]);
        }

        var events = await db.Events.AsNoTracking().Where(e => e.RepositoryId == repositoryId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Take(RepositoryDetail.Recent)
            .Select(e => new RepositoryEventLine(e.Id, e.Kind, e.Source, e.ActorLogin, e.HtmlUrl, e.OccurredAt, e.RecordedAt))
            .ToListAsync(ct);

        var r = found.Repository;
        return new RepositoryDetail(RepositoryListing.Item(found), found.Connection.DisplayName, found.Connection.Provider, r.DefaultBranch, r.FirstSeenAt, r.LastSeenAt,
            hook, deliveries, pollDetail, events);
    }
}
