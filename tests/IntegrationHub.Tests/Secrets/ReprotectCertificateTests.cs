using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Secrets;

/// <summary><c>--reprotect-secrets</c> with a certificate as the new protector (the local default's kind), moving from a key-encryption key.</summary>
public sealed class ReprotectCertificateTests
{
    [Fact]
    public async Task Reprotect_moves_the_key_ring_from_a_key_to_a_certificate()
    {
        await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
        var secrets = new SecretsSeed(world);
        string keyA = KeyEncryptionKey.NewBase64();
        await using (var hub = new HubFactory(world.ConnectionString, new Dictionary<string, string?> { ["Hub:KeyRing:Key"] = keyA }))
        {
            await secrets.SeedAsync(hub);
        }

        string dataDir = Directory.CreateTempSubdirectory("ihub-cert-").FullName;
        try
        {
            string pfx = LocalKeyRing.Ensure(dataDir).Path;
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(pfx, password: null);
            var before = await secrets.StoredAsync();

            var run = await HostCommand.RunAsync("IntegrationHub.Worker",
                world.Env(new() { ["Hub__KeyRingCertificatePath"] = pfx, ["Hub__KeyRing__PreviousKey"] = keyA }), KeyRingStartup.ReprotectFlag);

            Assert.True(run.ExitCode == 0, $"{run.Output}\n{run.Error}");
            Assert.Contains($"re-sealed by certificate {certificate.Thumbprint} (", run.Output);
            Assert.Contains($"from key-encryption key {KeyRingAssert.IdOf(keyA)}", run.Output);
            KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), certificate);
            var after = await secrets.StoredAsync();
            Assert.All(after, s => Assert.NotEqual(before[s.Key], s.Value));

            // A host given only the certificate reads every secret back and keeps the ring sealed by it.
            await using var hub = new HubFactory(world.ConnectionString, new Dictionary<string, string?> { ["Hub:KeyRingCertificatePath"] = pfx });
            var protection = hub.Services.GetRequiredService<IDataProtectionProvider>();
            Assert.All(after, s => Assert.Equal(secrets.Plaintexts[s.Key], protection.CreateProtector(SecretsSeed.PurposeOf(s.Key)).Unprotect(s.Value)));
            KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), certificate);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
