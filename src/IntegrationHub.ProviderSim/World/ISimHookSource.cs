namespace IntegrationHub.ProviderSim.World;

/// <summary>
/// Hooks that hear a repository's events without being in its hook list: a GitHub App's webhook hears every
/// repository of its installations. Called under <see cref="SimStore.Gate"/>.
/// </summary>
internal interface ISimHookSource
{
    IReadOnlyList<SimHook> HooksFor(SimRepo repo);
}
