namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// One simulated provider's identity, declared by its own folder. <see cref="Name"/> goes into the name-based uuids of
/// users and repositories (<see cref="StableIds"/>), so it must never change; <see cref="Slug"/> is its base path
/// (<c>/github</c>, <c>/bitbucket-dc</c>) and the key the control API and the options use.
/// </summary>
internal readonly record struct ProviderId(string Name, string Slug)
{
    public override string ToString() => Name;
}
