using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class MembershipMapping : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> e)
    {
        e.ToTable("memberships").HasKey(m => new { m.TenantId, m.UserId });
        e.HasOne(m => m.Tenant).WithMany().HasForeignKey(m => m.TenantId);
        e.HasOne<HubUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}
