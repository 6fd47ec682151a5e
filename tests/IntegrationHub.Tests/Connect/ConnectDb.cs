using IntegrationHub.Data;
using IntegrationHub.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Connect;

/// <summary>Reads what the hub stored, across tenants, as the tests need to check it.</summary>
internal static class ConnectDb
{
    public static async Task<List<Connection>> ConnectionsAsync(ConnectHarness h)
    {
        await using var db = TestDb.Create(h.Hub.ConnectionString, tenantId: null);
        return await db.Connections.IgnoreQueryFilters().AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync();
    }

    public static async Task<Connection> SingleAsync(ConnectHarness h) => Assert.Single(await ConnectionsAsync(h));

    public static async Task<List<string>> AuditActionsAsync(ConnectHarness h)
    {
        await using var db = TestDb.Create(h.Hub.ConnectionString, tenantId: null);
        return await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync();
    }

    public static Guid IdFrom(string location) =>
        Guid.Parse(location[(location.IndexOf("connected=", StringComparison.Ordinal) + "connected=".Length)..]);
}
