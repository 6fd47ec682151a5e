using IntegrationHub.ProviderSim.Delivery;
using IntegrationHub.ProviderSim.Faults;
using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Events;

/// <summary>
/// Records an event on its repository (so polling sees it whatever happens to deliveries) and queues one delivery
/// per matching hook (the repository's own and those of <see cref="ISimHookSource"/>s), formatted and signed now,
/// sent later by <see cref="DeliveryWorker"/>.
/// </summary>
internal sealed class EventPublisher(
    SimStore store,
    DeliveryLog log,
    DeliveryQueue queue,
    FaultRegistry faults,
    DeliveryPolicy policy,
    IEnumerable<IWebhookFormatter> formatters,
    IEnumerable<ISimHookSource> hookSources)
{
    private readonly Dictionary<ProviderId, IWebhookFormatter> _formatters = formatters.ToDictionary(f => f.Provider);

    public IReadOnlyList<DeliveryRecord> Publish(SimEvent e)
    {
        SimHook[] hooks;
        lock (store.Gate)
        {
            e.Repo.Events.Add(e);
            e.Repo.UpdatedAt = e.At;
            hooks = e.Repo.Hooks.Concat(hookSources.SelectMany(s => s.HooksFor(e.Repo))).Where(h => h.Active).ToArray();
        }

        var records = new List<DeliveryRecord>();
        if (!_formatters.TryGetValue(e.Repo.Provider, out var formatter)) return records;
        var fault = faults.Get(e.Repo.Provider);
        foreach (var hook in hooks)
        {
            var guid = Guid.NewGuid();
            DeliveryMessage? message;
            lock (store.Gate) message = formatter.Format(e, hook, guid);
            if (message is null) continue;
            var record = new DeliveryRecord
            {
                Id = SimIds.Next(), Guid = guid, Hook = hook, Message = message, CreatedAt = store.Now, EventId = e.Id,
            };
            record.SkippedReason = policy.SkipReason(hook) ?? (faults.Hit(e.Repo.Provider, "drop", fault.DropDeliveries) ? "fault" : null);
            log.Add(record);
            records.Add(record);
            if (record.SkippedReason is not null) continue;
            var delay = TimeSpan.FromMilliseconds(fault.DelayDeliveriesMs);
            queue.Enqueue(new DeliveryWork(record, 1, delay));
            if (fault.DeliverTwice)
            {
                queue.Enqueue(new DeliveryWork(record, 1, delay));
            }
        }

        return records;
    }

    /// <summary>Queues a delivery that is not a repository event (GitHub's ping on hook creation).</summary>
    public DeliveryRecord DeliverNow(SimHook hook, DeliveryMessage message, Guid guid)
    {
        var record = new DeliveryRecord
        {
            Id = SimIds.Next(), Guid = guid, Hook = hook, Message = message, CreatedAt = store.Now, EventId = 0,
        };
        log.Add(record);
        queue.Enqueue(new DeliveryWork(record, 1, TimeSpan.Zero));
        return record;
    }

    /// <summary>GitHub's "redeliver": a new delivery record with the same GUID and body, flagged as a redelivery.</summary>
    public DeliveryRecord Redeliver(DeliveryRecord original)
    {
        var record = new DeliveryRecord
        {
            Id = SimIds.Next(), Guid = original.Guid, Hook = original.Hook, Message = original.Message,
            CreatedAt = store.Now, EventId = original.EventId, Redelivery = true,
        };
        log.Add(record);
        queue.Enqueue(new DeliveryWork(record, 1, TimeSpan.Zero));
        return record;
    }
}
