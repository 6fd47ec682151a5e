using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace IntegrationHub.Data;

internal sealed class TenantGitHubAppMapping : IEntityTypeConfiguration<TenantGitHubApp>
{
    public void Configure(EntityTypeBuilder<TenantGitHubApp> e) => e.ToTable("github_apps");
}
