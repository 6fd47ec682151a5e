using IntegrationHub.Providers.Events;
using Npgsql;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Which repository row each event belongs to. A hook on one repository takes events of that repository only: an event
/// naming another repository id (an Azure DevOps test notification carrying Microsoft's sample repository, a subscription
/// whose filter was edited at the provider) is <see cref="Foreign"/> and filed nowhere, never under the hook's repository.
/// A hook without one (project-level) files each event under the connection's repository with its external id; when that
/// is not known yet, <see cref="Missing"/> names it and the delivery waits for discovery and is retried.
/// </summary>
internal sealed record DeliveryTargets(IReadOnlyDictionary<string, Guid> Ids, string? Missing, string? Foreign = null)
{
    public static async Task<DeliveryTargets> ResolveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ClaimedDelivery d,
        IReadOnlyList<NormalizedEvent> events, CancellationToken ct)
    {
        string[] externalIds = events.Select(e => e.Repository.ExternalId).Distinct().ToArray();
        var ids = new Dictionary<string, Guid>();
        if (d.RepositoryId is { } hookRepository)
        {
            (string ExternalId, string Path)? own = await RepositoryAsync(conn, tx, hookRepository, ct);
            foreach (string id in externalIds)
            {
                if (own is { } o && !string.Equals(o.ExternalId, id, StringComparison.OrdinalIgnoreCase))
                {
                    var e = events.First(x => x.Repository.ExternalId == id);
                    // A webhook-only row learns its real id from its first delivery (or another worker just recorded it).
                    own = await PlaceholderRepository.TryRecordIdAsync(conn, tx, d, hookRepository, e.Repository, ct)
                        ? (id, e.Repository.FullPath)
                        : await RepositoryAsync(conn, tx, hookRepository, ct);
                    if (own is not { } now || !string.Equals(now.ExternalId, id, StringComparison.OrdinalIgnoreCase))
                    {
                        return new DeliveryTargets(ids, null,
                            $"the event is for repository {e.Repository.FullPath} ({id}), not this hook's repository {o.Path} ({o.ExternalId}); not filed");
                    }
                }

                ids[id] = hookRepository;
            }

            return new DeliveryTargets(ids, null);
        }

        await using (var cmd = new NpgsqlCommand("SELECT external_id, id FROM repositories WHERE connection_id = $1 AND external_id = ANY($2)", conn, tx))
        {
            cmd.Parameters.Add(new() { Value = d.ConnectionId });
            cmd.Parameters.Add(new() { Value = externalIds });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ids[r.GetString(0)] = r.GetGuid(1);
            }
        }

        foreach (string id in externalIds.Where(id => !ids.ContainsKey(id)))
        {
            var e = events.First(x => x.Repository.ExternalId == id);
            return new DeliveryTargets(ids, $"{e.Repository.FullPath} ({id})");
        }

        return new DeliveryTargets(ids, null);
    }

    private static async Task<(string ExternalId, string Path)?> RepositoryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT external_id, full_path FROM repositories WHERE id = $1", conn, tx);
        cmd.Parameters.Add(new() { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.GetString(1)) : null;
    }
}
