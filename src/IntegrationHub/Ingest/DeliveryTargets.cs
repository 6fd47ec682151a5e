using IntegrationHub.Providers.Events;
using Npgsql;

namespace IntegrationHub.Ingest;

/// <summary>
/// Which repository row each event belongs to: the connection's repository with the event's external id. A hook sits on
/// one repository, so when the id is not (yet) in the cache the hook's own repository is the answer; only a hook without
/// one (project-level) can leave an event without a home, and then the delivery waits for discovery and is retried.
/// </summary>
internal sealed record DeliveryTargets(IReadOnlyDictionary<string, Guid> Ids, string? Missing)
{
    public static async Task<DeliveryTargets> ResolveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ClaimedDelivery d,
        IReadOnlyList<NormalizedEvent> events, CancellationToken ct)
    {
        string[] externalIds = events.Select(e => e.Repository.ExternalId).Distinct().ToArray();
        var ids = new Dictionary<string, Guid>();
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
            if (d.RepositoryId is not { } hookRepository)
            {
                var e = events.First(x => x.Repository.ExternalId == id);
                return new DeliveryTargets(ids, $"{e.Repository.FullPath} ({id})");
            }

            ids[id] = hookRepository;
        }

        return new DeliveryTargets(ids, null);
    }
}
