using IntegrationHub.Tests.Infrastructure;

namespace IntegrationHub.Tests.Ingest;

/// <summary>One web host and database shared by a test class; each test makes its own tenant and hook in it.</summary>
public sealed class IngestHubFixture : IAsyncLifetime
{
    private HubFactory? _hub;
    private IngestWorld? _world;

    internal HubFactory Hub => _hub!;

    internal IngestWorld World => _world!;

    public async Task InitializeAsync()
    {
        _hub = new HubFactory(await TestPostgres.CreateDatabaseAsync());
        _ = _hub.Server;
        _world = new IngestWorld(_hub);
    }

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.Db.DisposeAsync();
        }

        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }
    }
}
