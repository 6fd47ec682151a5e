using IntegrationHub.Data;
using IntegrationHub.Tests.World;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Tests.Foundation;

/// <summary>The feature tables round-trip through EF, and each is filtered to its tenant.</summary>
public sealed class FeatureSchemaTests
{
    [Fact]
    public async Task Feature_entities_are_written_read_back_and_tenant_filtered()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        string cs = world.ConnectionString;
        var tenantId = Guid.NewGuid();
        var now = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        var connection = new Connection
        {
            Id = Guid.NewGuid(), TenantId = tenantId, Provider = "gitlab", BaseUrl = "https://gitlab.example.test", DisplayName = "GitLab",
            AccountId = "42", AccountLogin = "ada", Scopes = ["api", "read_user"], AuthKind = AuthKinds.OAuthTenant,
            AccessTokenProtected = "cipher", AccessTokenExpiresAt = now, CreatedAt = now, UpdatedAt = now,
        };
        var repo = new Repository { Id = Guid.NewGuid(), TenantId = tenantId, ConnectionId = connection.Id, ExternalId = "7", FullPath = "g/r", FirstSeenAt = now, LastSeenAt = now };
        var hook = new Hook { Id = Guid.NewGuid(), TenantId = tenantId, ConnectionId = connection.Id, RepositoryId = repo.Id, Provider = "gitlab", Url = "https://hub/hooks/gitlab/x", SecretProtected = "s", CreatedAt = now, UpdatedAt = now };
        await using (var db = TestDb.Create(cs, tenantId))
        {
            db.Tenants.Add(new Tenant { Id = tenantId, Name = "T", Slug = "t", CreatedAt = now });
            db.Connections.Add(connection);
            db.Repositories.Add(repo);
            db.Hooks.Add(hook);
            db.Deliveries.Add(new Delivery { TenantId = tenantId, HookId = hook.Id, ConnectionId = connection.Id, RepositoryId = repo.Id, Provider = "gitlab", DeliveryId = "d1", Headers = "{\"x\":\"y\"}", Body = [1, 2, 3], ReceivedAt = now, NextAttemptAt = now });
            db.DeliveryRejections.Add(new DeliveryRejection { Provider = "gitlab", HookId = hook.Id, Reason = "bad_signature", Count = 1, LastAt = now });
            db.Events.Add(new StoredEvent { TenantId = tenantId, ConnectionId = connection.Id, RepositoryId = repo.Id, Provider = "gitlab", Kind = "Push", NaturalKey = "7:push:refs/heads/main:abc", Source = "webhook", OccurredAt = now, RecordedAt = now, Mentions = ["ada"], Payload = "{\"kind\":\"Push\"}" });
            db.PollStates.Add(new PollState { RepositoryId = repo.Id, TenantId = tenantId, ConnectionId = connection.Id, NextPollAt = now });
            db.PollCursors.Add(new PollCursor { RepositoryId = repo.Id, Stream = "pipelines", TenantId = tenantId, Cursor = "c", Etag = "\"e\"", UpdatedAt = now });
            await db.SaveChangesAsync();
        }

        await using (var db = TestDb.Create(cs, tenantId))
        {
            Assert.Equal(["api", "read_user"], (await db.Connections.SingleAsync()).Scopes);
            Assert.Equal("g/r", (await db.Repositories.SingleAsync()).FullPath);
            Assert.Equal(HookStatus.Pending, (await db.Hooks.SingleAsync()).Status);
            Assert.Equal(new byte[] { 1, 2, 3 }, (await db.Deliveries.SingleAsync()).Body);
            Assert.Equal(1, (await db.DeliveryRejections.SingleAsync()).Count);
            Assert.Equal(["ada"], (await db.Events.SingleAsync()).Mentions);
            Assert.Equal(now, (await db.PollStates.SingleAsync()).NextPollAt);
            Assert.Equal("\"e\"", (await db.PollCursors.SingleAsync()).Etag);
        }

        await using (var other = TestDb.Create(cs, Guid.NewGuid()))
        {
            Assert.False(await other.Connections.AnyAsync());
            Assert.False(await other.Repositories.AnyAsync());
            Assert.False(await other.Hooks.AnyAsync());
            Assert.False(await other.Deliveries.AnyAsync());
            Assert.False(await other.Events.AnyAsync());
            Assert.False(await other.PollStates.AnyAsync());
        }
    }
}
