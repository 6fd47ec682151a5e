namespace IntegrationHub.Data;

/// <summary>A row that belongs to one tenant. HubDb filters every query on it to the current tenant.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
