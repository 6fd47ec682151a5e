namespace IntegrationHub.Local;

internal sealed record DemoCredentials(string DemoEmail, string DemoPassword, string AdminEmail, string AdminPassword)
{
    public Guid DemoTenantId { get; init; }
}
