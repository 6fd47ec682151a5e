using System.Security.Cryptography;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Secrets;

/// <summary>
/// <c>--reprotect-secrets</c>, run as an operator runs it against a database whose web and worker nodes are stopped:
/// the key ring ends up sealed by the new protector, and every stored secret under a fresh key that was never stored unsealed.
/// </summary>
public sealed class ReprotectTests
{
    [Fact]
    public async Task Reprotect_seals_an_unprotected_key_ring_and_reencrypts_every_secret_under_a_fresh_key()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        await using (var hub = new HubFactory(world.ConnectionString))
        {
            await secrets.SeedAsync(hub);
        }

        var oldRing = await secrets.KeysAsync();
        Assert.Contains("masterKey", string.Concat(oldRing)); // the starting point: a dump holds the master keys
        var before = await secrets.StoredAsync();
        Assert.Equal(secrets.Plaintexts.Keys.Order(), before.Keys.Order());
        string keyB = KeyEncryptionKey.NewBase64();

        var run = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(new() { ["Hub__KeyRing__Key"] = keyB }), KeyRingStartup.ReprotectFlag);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
        Assert.Contains($"re-sealed by key-encryption key {KeyRingAssert.IdOf(keyB)} ({oldRing.Count} from no protector (unencrypted)) and revoked", run.Output);
        Assert.Contains($"Secrets re-encrypted under the fresh key: {before.Count} (connections.access_token_protected 2,", run.Output);
        Assert.Contains("hooks.previous_secret_protected 1", run.Output);
        Assert.All(secrets.Plaintexts.Values, p => Assert.DoesNotContain(p, run.Output + run.Error));

        var ring = await secrets.KeyRingAsync();
        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), keyB);
        Assert.Equal(oldRing.Count + 1, (await secrets.KeysAsync()).Count);
        Assert.All(oldRing, k => Assert.Contains(ring, r => r.Name == "revocation" && (string?)r.Element("key")?.Attribute("id") == (string?)k.Attribute("id")));
        var after = await secrets.StoredAsync();
        Assert.All(after, s => Assert.NotEqual(before[s.Key], s.Value));

        // The old, unsealed key ring alone (what an earlier dump held) opens the old ciphertexts but none of the new ones.
        using (var leaked = new ScratchKeyRing(oldRing, encryptor: null))
        {
            Assert.All(before, s => Assert.Equal(secrets.Plaintexts[s.Key], leaked.For(SecretsSeed.PurposeOf(s.Key)).Unprotect(s.Value)));
            Assert.All(after, s => Assert.ThrowsAny<CryptographicException>(() => leaked.For(SecretsSeed.PurposeOf(s.Key)).Unprotect(s.Value)));
        }

        await AssertSecretsReadAsync(world, secrets, keyB, after);

        // A second run finds every key sealed and changes nothing.
        var again = await HostCommand.RunAsync("IntegrationHub.Web", world.Env(new() { ["Hub__KeyRing__Key"] = keyB }), KeyRingStartup.ReprotectFlag);
        Assert.True(again.ExitCode == 0, $"{again.Output}\n{again.Error}");
        Assert.Contains("already sealed by key-encryption key", again.Output);
        Assert.Contains("nothing to re-protect or re-encrypt", again.Output);
        Assert.Equal(after, await secrets.StoredAsync());
        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), keyB);
    }

    [Fact]
    public async Task Reprotect_rotates_the_key_ring_from_key_A_to_key_B()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        string keyA = KeyEncryptionKey.NewBase64();
        string keyB = KeyEncryptionKey.NewBase64();
        await using (var hub = new HubFactory(world.ConnectionString, new Dictionary<string, string?> { ["Hub:KeyRing:Key"] = keyA }))
        {
            await secrets.SeedAsync(hub);
        }

        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), keyA);
        var before = await secrets.StoredAsync();

        // Without the old key the ring cannot be read: one line naming it, and nothing changed.
        var refused = await HostCommand.RunAsync("IntegrationHub.Worker", world.Env(new() { ["Hub__KeyRing__Key"] = keyB }), KeyRingStartup.ReprotectFlag);
        HostCommand.AssertOnePlainLine(refused, "IntegrationHub.Worker cannot re-protect secrets: key ");
        Assert.Contains($"sealed with key-encryption key {KeyRingAssert.IdOf(keyA)}", refused.Error);
        Assert.Contains("Hub__KeyRing__PreviousKey", refused.Error);
        Assert.Equal(before, await secrets.StoredAsync());
        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), keyA);

        var run = await HostCommand.RunAsync("IntegrationHub.Worker",
            world.Env(new() { ["Hub__KeyRing__Key"] = keyB, ["Hub__KeyRing__PreviousKey"] = keyA }), KeyRingStartup.ReprotectFlag);

        Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
        Assert.Contains($"from key-encryption key {KeyRingAssert.IdOf(keyA)}", run.Output);
        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), keyB);
        var after = await secrets.StoredAsync();
        Assert.All(after, s => Assert.NotEqual(before[s.Key], s.Value));
        await AssertSecretsReadAsync(world, secrets, keyB, after);
    }

    [Fact]
    public async Task Every_protected_column_in_the_schema_is_reencrypted()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        await using var cmd = world.Db.CreateCommand("""
            SELECT table_name || '.' || column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_name LIKE '%\_protected' ORDER BY 1
            """);
        var inSchema = new List<string>();
        await using (var rows = await cmd.ExecuteReaderAsync())
        {
            while (await rows.ReadAsync())
            {
                inSchema.Add(rows.GetString(0));
            }
        }

        Assert.Equal(inSchema, ProtectedColumns.All.SelectMany(t => t.Columns.Select(c => $"{t.Table}.{c}")).Order());
    }

    // A host given only the new key reads every secret back as it was stored, and its ring stays sealed by that key.
    private static async Task AssertSecretsReadAsync(HubWorld world, SecretsSeed secrets, string key, Dictionary<string, string> stored)
    {
        await using var hub = new HubFactory(world.ConnectionString, new Dictionary<string, string?> { ["Hub:KeyRing:Key"] = key });
        var protection = hub.Services.GetRequiredService<IDataProtectionProvider>();
        Assert.All(stored, s => Assert.Equal(secrets.Plaintexts[s.Key], protection.CreateProtector(SecretsSeed.PurposeOf(s.Key)).Unprotect(s.Value)));
        KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), key);
    }
}
