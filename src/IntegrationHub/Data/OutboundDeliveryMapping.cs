using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class OutboundDeliveryMapping : IEntityTypeConfiguration<OutboundDelivery>
{
    public void Configure(EntityTypeBuilder<OutboundDelivery> e)
    {
        e.ToTable("outbound_deliveries");
        e.HasOne<Subscription>().WithMany().HasForeignKey(d => d.SubscriptionId);
    }
}
