using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class HookMapping : IEntityTypeConfiguration<Hook>
{
    public void Configure(EntityTypeBuilder<Hook> e)
    {
        e.ToTable("hooks");
        e.HasOne<Connection>().WithMany().HasForeignKey(h => h.ConnectionId);
        e.HasOne<Repository>().WithMany().HasForeignKey(h => h.RepositoryId);
    }
}
