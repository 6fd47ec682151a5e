using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class RepositoryMapping : IEntityTypeConfiguration<Repository>
{
    public void Configure(EntityTypeBuilder<Repository> e)
    {
        e.ToTable("repositories");
        e.HasOne<Connection>().WithMany().HasForeignKey(r => r.ConnectionId);
    }
}
