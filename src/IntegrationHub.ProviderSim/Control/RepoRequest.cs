namespace IntegrationHub.ProviderSim.Control;

/// <summary><c>POST /_sim/repos</c>: one repository; Azure DevOps needs <see cref="Project"/> (Owner is the organization).</summary>
internal sealed record RepoRequest(string Provider, string Owner, string Name, string? Project = null, string? User = null,
    bool Private = true, List<string>? VisibleTo = null);
