using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class OutboundAttemptMapping : IEntityTypeConfiguration<OutboundAttempt>
{
    public void Configure(EntityTypeBuilder<OutboundAttempt> e)
    {
        e.ToTable("outbound_attempts");
        e.HasOne<OutboundDelivery>().WithMany().HasForeignKey(a => a.DeliveryId);
        e.HasOne<Subscription>().WithMany().HasForeignKey(a => a.SubscriptionId);
    }
}
