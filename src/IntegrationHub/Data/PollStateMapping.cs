using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class PollStateMapping : IEntityTypeConfiguration<PollState>
{
    public void Configure(EntityTypeBuilder<PollState> e)
    {
        e.ToTable("poll_state").HasKey(p => p.RepositoryId);
        e.HasOne<Repository>().WithMany().HasForeignKey(p => p.RepositoryId);
    }
}
