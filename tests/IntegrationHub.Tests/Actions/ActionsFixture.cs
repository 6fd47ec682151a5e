using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Actions;

/// <summary>One simulator and hub per test class; each test makes its own tenants and repositories.</summary>
public sealed class ActionsFixture : IAsyncLifetime
{
    public HubWorld World { get; private set; } = null!;

    public ActionsSim Actions { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        World = await HubWorld.StartAsync(new HubWorldOptions { Simulator = true });
        Actions = new ActionsSim(World);
    }

    public async Task DisposeAsync() => await World.DisposeAsync();
}
