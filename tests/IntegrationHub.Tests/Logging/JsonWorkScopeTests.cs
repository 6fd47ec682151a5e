using System.Net;
using System.Text.Json;
using IntegrationHub.Tests.Ingest;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Logging;

/// <summary>The ids of the work in hand, as JSON properties an operator filters on, in the worker executable's console.</summary>
public sealed class JsonWorkScopeTests
{
    [Fact]
    public async Task Lines_logged_while_processing_a_delivery_carry_its_tenant_connection_hook_and_delivery_ids()
    {
        // One key-encryption key for the web host here and the worker process, as for every node of a deployment.
        string key = IntegrationHub.Secrets.KeyEncryptionKey.NewBase64();
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { Settings = new Dictionary<string, string?> { ["Hub:KeyRing:Key"] = key } });
        var tenant = await world.TenantAsync("Logging " + Guid.NewGuid().ToString("n")[..6]);
        var hook = await world.SignedHookAsync(tenant, "github", SignedDeliveries.NewSecret(Scheme.GitHub), externalId: "186853002");
        var posted = await world.Hub.CreateClient().SendAsync(
            SignedDeliveries.Create(Scheme.GitHub, hook, IngestFixtures.Bytes("github/push.new-branch.json"), "push", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        long deliveryId = await world.CountAsync("SELECT id FROM deliveries WHERE hook_id = $1", hook.Id);

        await using var worker = WorkerProcess.Start(world.ConnectionString, new Dictionary<string, string>
        {
            ["Hub__Logging__Format"] = "json",
            ["Hub__KeyRing__Key"] = key,
            ["Hub__Poll__Enabled"] = "false",
            ["Logging__LogLevel__IntegrationHub.WebhookIntake"] = "Debug", // the "processed" line is Debug
        });
        Assert.True(await HubWorld.EventuallyAsync(() => Task.FromResult(worker.Output.Contains($"Delivery {deliveryId} processed", StringComparison.Ordinal)
            && worker.Output.Contains("Deliveries processed from the inbox", StringComparison.Ordinal))), worker.Output);
        await worker.KillAsync();

        var processed = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(o => o.GetProperty("Message").GetString() == $"Delivery {deliveryId} processed: 2 events, 2 new");
        Assert.Equal(deliveryId, processed.GetProperty("State").GetProperty("DeliveryId").GetInt64());
        var ids = processed.GetProperty("Scopes").EnumerateArray().Single(s => s.ValueKind == JsonValueKind.Object && s.TryGetProperty("HookId", out _));
        Assert.Equal(tenant.ToString(), ids.GetProperty("TenantId").GetString());
        Assert.Equal(hook.ConnectionId.ToString(), ids.GetProperty("ConnectionId").GetString());
        Assert.Equal(hook.Id.ToString(), ids.GetProperty("HookId").GetString());
        Assert.Equal(hook.RepositoryId.ToString(), ids.GetProperty("RepositoryId").GetString());
        Assert.Equal(deliveryId, ids.GetProperty("DeliveryId").GetInt64());

        // At Information the node tells how many it processed, not each one.
        var summary = worker.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(o => o.GetProperty("Category").GetString() == "IntegrationHub.WebhookIntake.IngestProcess");
        Assert.Equal("Information", summary.GetProperty("LogLevel").GetString());
        Assert.Equal(1, summary.GetProperty("State").GetProperty("Count").GetInt32());
    }
}
