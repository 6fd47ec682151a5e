using System.Net;
using System.Text.Json.Nodes;
using IntegrationHub.Local;
using IntegrationHub.Tests.World;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Api;

/// <summary>The local default's demo API key: made once with every scope, kept in .data/demo-credentials.json, always working.</summary>
public sealed class DemoApiKeyTests
{
    [Fact]
    public async Task Demo_key_is_stored_kept_on_the_next_start_and_works_on_every_scope()
    {
        await using var w = await HubWorld.StartAsync();
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            var first = await SeedAsync(w.Hub, dataDir);
            var second = await SeedAsync(w.Hub, dataDir);
            var stored = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(dataDir, "demo-credentials.json")))!;
            using var api = ApiKeys.Client(w.Hub, first.DemoApiKey!);

            Assert.StartsWith("ihub_", first.DemoApiKey);
            Assert.Equal(first.DemoApiKey, second.DemoApiKey);
            Assert.Equal(first.DemoApiKey, stored["DemoApiKey"]!.GetValue<string>());
            Assert.Equal(1L, await w.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE tenant_id = $1 AND cardinality(scopes) = 5", first.DemoTenantId));
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/connections")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/repositories")).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task Data_folder_from_before_keys_gets_a_key_and_a_revoked_one_is_replaced()
    {
        await using var w = await HubWorld.StartAsync();
        string dataDir = Directory.CreateTempSubdirectory("ihub-demo-").FullName;
        try
        {
            string file = Path.Combine(dataDir, "demo-credentials.json");
            var first = await SeedAsync(w.Hub, dataDir);
            var old = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
            old.Remove("DemoApiKey");
            await File.WriteAllTextAsync(file, old.ToJsonString());

            var upgraded = await SeedAsync(w.Hub, dataDir);
            await w.ExecAsync("UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1", upgraded.DemoTenantId);
            var replaced = await SeedAsync(w.Hub, dataDir);
            using var api = ApiKeys.Client(w.Hub, replaced.DemoApiKey!);

            Assert.Equal(first.DemoPassword, upgraded.DemoPassword);
            Assert.StartsWith("ihub_", upgraded.DemoApiKey);
            Assert.NotEqual(upgraded.DemoApiKey, replaced.DemoApiKey);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/connections")).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static async Task<DemoCredentials> SeedAsync(HubFactory hub, string dataDir)
    {
        await using var scope = hub.Services.CreateAsyncScope();
        return await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync(dataDir, CancellationToken.None);
    }
}
