using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class StoredEventMapping : IEntityTypeConfiguration<StoredEvent>
{
    public void Configure(EntityTypeBuilder<StoredEvent> e)
    {
        e.ToTable("events");
        e.Property(x => x.Payload).HasColumnType("jsonb");
        e.HasOne<Repository>().WithMany().HasForeignKey(x => x.RepositoryId);
    }
}
