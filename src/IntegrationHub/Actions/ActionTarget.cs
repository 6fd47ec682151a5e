using IntegrationHub.Data;
using IntegrationHub.Providers.Api;

namespace IntegrationHub.Actions;

/// <summary>A repository of the caller's tenant, the connection it was discovered through, and that provider's description.</summary>
internal sealed record ActionTarget(Repository Repository, Connection Connection, ProviderDescriptor Descriptor)
{
    /// <summary>As the hooks and the poll address the repository: the ids discovery stored.</summary>
    public RepositoryRef Ref => new(Repository.ExternalId, Repository.FullPath, Repository.ProjectId);
}
