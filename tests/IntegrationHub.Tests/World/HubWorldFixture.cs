namespace IntegrationHub.Tests.World;

/// <summary>
/// One <see cref="HubWorld"/> (database and web host, nothing else) shared by a test class, for classes whose tests each
/// make their own tenants and rows in it and would otherwise spend most of their time starting hosts.
/// </summary>
public sealed class HubWorldFixture : IAsyncLifetime
{
    public HubWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await HubWorld.StartAsync();

    public async Task DisposeAsync() => await World.DisposeAsync();
}
