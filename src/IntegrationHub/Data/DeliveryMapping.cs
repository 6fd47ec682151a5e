using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class DeliveryMapping : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> e)
    {
        e.ToTable("deliveries");
        e.Property(d => d.Headers).HasColumnType("jsonb");
        e.HasOne<Hook>().WithMany().HasForeignKey(d => d.HookId);
    }
}
