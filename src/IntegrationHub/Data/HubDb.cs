using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace IntegrationHub.Data;

/// <summary>
/// The application tables. The schema itself lives in migrations/*.sql; this maps it. Every <see cref="ITenantOwned"/>
/// entity gets a query filter on the current tenant, so forgetting a where-clause leaks nothing.
/// </summary>
public sealed class HubDb(DbContextOptions<HubDb> options, TenantScope scope) : IdentityUserContext<HubUser, Guid>(options)
{
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<WorkerHeartbeat> WorkerHeartbeats => Set<WorkerHeartbeat>();
    public DbSet<Connection> Connections => Set<Connection>();
    public DbSet<Repository> Repositories => Set<Repository>();
    public DbSet<Hook> Hooks => Set<Hook>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<DeliveryRejection> DeliveryRejections => Set<DeliveryRejection>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<PollState> PollStates => Set<PollState>();
    public DbSet<PollCursor> PollCursors => Set<PollCursor>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<OutboundDelivery> OutboundDeliveries => Set<OutboundDelivery>();
    public DbSet<OutboundAttempt> OutboundAttempts => Set<OutboundAttempt>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<TenantGitHubApp> GitHubApps => Set<TenantGitHubApp>();

    /// <summary>Read by the query filters at query time; Guid.Empty (no tenant) matches no row.</summary>
    internal Guid CurrentTenantId => scope.TenantId ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<HubUser>().ToTable("users");
        builder.Entity<IdentityUserClaimOf>().ToTable("user_claims");
        builder.Entity<IdentityUserLoginOf>().ToTable("user_logins");
        builder.Entity<IdentityUserTokenOf>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(HubDb).Assembly);

        // Every tenant-owned row points at its tenant; declaring it lets EF insert a new tenant before its rows.
        var owned = builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).Select(e => e.ClrType).ToList();
        foreach (var type in owned.Where(t => t != typeof(Membership)))
        {
            builder.Entity(type).HasOne(typeof(Tenant)).WithMany().HasForeignKey(nameof(ITenantOwned.TenantId));
        }

        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase.From(property.Name));
            }

            if (typeof(ITenantOwned).IsAssignableFrom(entity.ClrType))
            {
                var filter = (LambdaExpression)typeof(HubDb).GetMethod(nameof(TenantFilter), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
                    .MakeGenericMethod(entity.ClrType).Invoke(this, null)!;
                entity.SetQueryFilter(filter);
            }
        }
    }

    private Expression<Func<T, bool>> TenantFilter<T>() where T : ITenantOwned => e => e.TenantId == CurrentTenantId;
}
