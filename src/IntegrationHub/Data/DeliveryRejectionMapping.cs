using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class DeliveryRejectionMapping : IEntityTypeConfiguration<DeliveryRejection>
{
    public void Configure(EntityTypeBuilder<DeliveryRejection> e)
    {
        e.ToTable("delivery_rejections").HasKey(r => new { r.Provider, r.HookId, r.Reason });
    }
}
