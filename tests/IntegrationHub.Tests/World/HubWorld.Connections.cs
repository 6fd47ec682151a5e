using IntegrationHub.Data;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.World;

/// <summary>Connections and the audit trail as the hub stored them, across tenants, for the tests that check them.</summary>
public sealed partial class HubWorld
{
    public async Task<List<Connection>> ConnectionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = TestDb.Create(ConnectionString, tenantId: null);
        return await db.Connections.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The world's only connection (asserting there is exactly one).</summary>
    public async Task<Connection> SingleConnectionAsync(CancellationToken cancellationToken = default) =>
        Assert.Single(await ConnectionsAsync(cancellationToken));

    public async Task<List<string>> AuditActionsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = TestDb.Create(ConnectionString, tenantId: null);
        return await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(cancellationToken);
    }

    /// <summary>The connection id in the hub's redirect after connecting (<c>/integrations?connected=…</c>).</summary>
    public static Guid ConnectedId(string location) =>
        Guid.Parse(location[(location.IndexOf("connected=", StringComparison.Ordinal) + "connected=".Length)..]);
}
