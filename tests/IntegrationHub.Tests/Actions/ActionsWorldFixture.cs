namespace IntegrationHub.Tests.Actions;

/// <summary>One simulator and hub per test class; each test makes its own tenants and repositories.</summary>
public sealed class ActionsWorldFixture : IAsyncLifetime
{
    public ActionsWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await ActionsWorld.StartAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();
}
