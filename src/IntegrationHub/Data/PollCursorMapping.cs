using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class PollCursorMapping : IEntityTypeConfiguration<PollCursor>
{
    public void Configure(EntityTypeBuilder<PollCursor> e)
    {
        e.ToTable("poll_cursors").HasKey(p => new { p.RepositoryId, p.Stream });
        e.HasOne<Repository>().WithMany().HasForeignKey(p => p.RepositoryId);
    }
}
