using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;

namespace IntegrationHub.Tests.Secrets;

/// <summary>Web and worker hosts in Production, run as operators run them: no start without a key-ring protector that seals the ring.</summary>
public sealed class KeyRingStartupTests
{
    private static readonly Dictionary<string, string> NoProtector = new() { ["Hub__KeyRing__Key"] = "" };

    [Theory]
    [InlineData("IntegrationHub.Worker")]
    [InlineData("IntegrationHub.Web")]
    public async Task Host_in_production_without_a_key_ring_protector_exits_2_with_one_line_saying_how_to_set_one(string host)
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);

        var run = await HostCommand.RunAsync(host, world.Env(NoProtector), "--urls", $"http://127.0.0.1:{WorkerProcess.FreePort()}");

        HostCommand.AssertOnePlainLine(run, $"{host} cannot start: no key-ring protector is set");
        Assert.Contains("Hub__KeyRing__Key", run.Error);
        Assert.Contains("Hub__KeyRing__KeyFile", run.Error);
        Assert.Contains("Hub__KeyRingCertificatePath", run.Error);
        Assert.Empty(await secrets.KeyRingAsync());
    }

    [Fact]
    public async Task Worker_refuses_a_key_file_that_holds_no_256_bit_key()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, Convert.ToBase64String(new byte[16]));
        try
        {
            var run = await HostCommand.RunAsync("IntegrationHub.Worker", world.Env(new() { ["Hub__KeyRing__KeyFile"] = file }));

            HostCommand.AssertOnePlainLine(run, "IntegrationHub.Worker cannot start: Hub__KeyRing__KeyFile");
            Assert.Contains("128 bits", run.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Worker_with_a_key_file_starts_and_the_key_ring_rows_are_sealed()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        string key = KeyEncryptionKey.NewBase64();
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, key + "\n");
        try
        {
            await using var worker = WorkerProcess.Start(world.ConnectionString, new Dictionary<string, string>
            {
                ["Hub__KeyRing__Key"] = "",
                ["Hub__KeyRing__KeyFile"] = file,
            });
            Assert.True(await worker.WaitForReadyAsync(), $"no ready line; output:\n{worker.Output}");

            // Data Protection makes the first key as the host starts; wait for the row rather than for a time.
            for (var until = DateTime.UtcNow + WorkerProcess.Generous; (await secrets.KeysAsync()).Count == 0 && DateTime.UtcNow < until;)
            {
                await Task.Delay(200);
            }

            KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), key);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Worker_refuses_a_key_ring_sealed_with_a_key_it_was_not_given()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        string keyA = KeyEncryptionKey.NewBase64();
        await using (var hub = new HubFactory(world.ConnectionString, new Dictionary<string, string?> { ["Hub:KeyRing:Key"] = keyA }))
        {
            await secrets.SeedAsync(hub);
        }

        var run = await HostCommand.RunAsync("IntegrationHub.Worker", world.Env(new() { ["Hub__KeyRing__Key"] = KeyEncryptionKey.NewBase64() }));

        HostCommand.AssertOnePlainLine(run, "IntegrationHub.Worker cannot start: the key ring holds keys sealed with key-encryption key " + KeyRingAssert.IdOf(keyA));
        Assert.Contains("Hub__KeyRing__PreviousKey", run.Error);
    }

    [Fact]
    public async Task Worker_refuses_a_key_ring_stored_unencrypted_until_it_is_reprotected()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        await using (var hub = new HubFactory(world.ConnectionString))
        {
            await secrets.SeedAsync(hub);
        }

        var run = await HostCommand.RunAsync("IntegrationHub.Worker", world.Env(new() { ["Hub__KeyRing__Key"] = KeyEncryptionKey.NewBase64() }));

        HostCommand.AssertOnePlainLine(run, "IntegrationHub.Worker cannot start: the key ring holds ");
        Assert.Contains("stored unencrypted from before a protector was set", run.Error);
        Assert.Contains("--reprotect-secrets", run.Error);
    }
}
