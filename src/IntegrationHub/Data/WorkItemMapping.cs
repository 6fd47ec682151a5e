using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class WorkItemMapping : IEntityTypeConfiguration<WorkItem>
{
    public void Configure(EntityTypeBuilder<WorkItem> e)
    {
        e.ToTable("work_items");
        e.HasOne<Connection>().WithMany().HasForeignKey(w => w.ConnectionId);
    }
}
