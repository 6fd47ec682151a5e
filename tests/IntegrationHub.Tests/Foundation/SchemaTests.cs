using IntegrationHub.Data;
using IntegrationHub.Tenancy;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace IntegrationHub.Tests.Foundation;

/// <summary>The EF model maps what the SQL migrations create: same tables, same columns, and rows round-trip.</summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task Every_mapped_column_exists_in_the_migrated_schema()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        string cs = world.ConnectionString;
        await using var db = TestDb.Create(cs, tenantId: null);
        var columns = new HashSet<string>();
        await using (var source = NpgsqlDataSource.Create(cs))
        await using (var cmd = source.CreateCommand("SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public'"))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        var missing = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => $"{e.GetTableName()}.{p.GetColumnName()}"))
            .Where(c => !columns.Contains(c))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_entity_is_written_and_read_back()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        string cs = world.ConnectionString;
        var tenantId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        await using (var db = TestDb.Create(cs, tenantId))
        {
            db.Tenants.Add(new Tenant { Id = tenantId, Name = "Acme", Slug = "acme", CreatedAt = now });
            db.Users.Add(new HubUser { Id = userId, UserName = "a@acme.test", NormalizedUserName = "A@ACME.TEST", Email = "a@acme.test", DisplayName = "A", IsPlatformAdmin = true, CreatedAt = now });
            db.UserClaims.Add(new Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid> { UserId = userId, ClaimType = "t", ClaimValue = "v" });
            db.UserLogins.Add(new Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid> { UserId = userId, LoginProvider = "p", ProviderKey = "k", ProviderDisplayName = "P" });
            db.UserTokens.Add(new Microsoft.AspNetCore.Identity.IdentityUserToken<Guid> { UserId = userId, LoginProvider = "p", Name = "n", Value = "x" });
            db.Memberships.Add(new Membership { TenantId = tenantId, UserId = userId, Role = Roles.Owner, CreatedAt = now });
            db.AuditEntries.Add(new AuditEntry { TenantId = tenantId, ActorUserId = userId, Actor = "a@acme.test", Action = "test", Target = "t", Detail = "d", OccurredAt = now });
            db.WorkerHeartbeats.Add(new WorkerHeartbeat { NodeId = "n1", InstanceId = "i1", Beats = 3, StartedAt = now, LastBeatAt = now });
            await db.SaveChangesAsync();
        }

        await using (var db = TestDb.Create(cs, tenantId))
        {
            Assert.Equal("acme", (await db.Tenants.SingleAsync()).Slug);
            var user = await db.Users.SingleAsync();
            Assert.True(user.IsPlatformAdmin);
            Assert.Equal(now, user.CreatedAt);
            Assert.Equal("v", (await db.UserClaims.SingleAsync()).ClaimValue);
            Assert.Equal("P", (await db.UserLogins.SingleAsync()).ProviderDisplayName);
            Assert.Equal("x", (await db.UserTokens.SingleAsync()).Value);
            Assert.Equal(Roles.Owner, (await db.Memberships.SingleAsync()).Role);
            Assert.Equal("d", (await db.AuditEntries.SingleAsync()).Detail);
            Assert.Equal(3, (await db.WorkerHeartbeats.SingleAsync()).Beats);
        }
    }
}
