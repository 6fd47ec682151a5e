using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class ConnectionMapping : IEntityTypeConfiguration<Connection>
{
    public void Configure(EntityTypeBuilder<Connection> e)
    {
        e.ToTable("connections");
    }
}
