using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.World;

public static class TestDb
{
    /// <summary>A HubDb as a request of <paramref name="tenantId"/> would see it (null: no tenant, as a worker job).</summary>
    public static HubDb Create(string connectionString, Guid? tenantId)
    {
        var scope = new TenantScope();
        if (tenantId is { } id)
        {
            scope.Set(Guid.NewGuid(), "test", false, id, "test", Roles.Owner);
        }

        return new HubDb(new DbContextOptionsBuilder<HubDb>().UseNpgsql(connectionString).Options, scope);
    }
}
