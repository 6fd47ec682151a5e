namespace IntegrationHub.ProviderSim.Control;

/// <summary>A repository as the control API shows it.</summary>
internal sealed record RepoView(long Id, string FullName, string Owner, string? Project, string Name, Guid Uuid);
