using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Hooks;

internal sealed class HookMapping : IEntityTypeConfiguration<Hook>
{
    public void Configure(EntityTypeBuilder<Hook> e)
    {
        e.ToTable("hooks");
        e.HasOne<Connect.Connection>().WithMany().HasForeignKey(h => h.ConnectionId);
        e.HasOne<Discover.Repository>().WithMany().HasForeignKey(h => h.RepositoryId);
    }
}
