using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Local;
using IntegrationHub.Secrets;
using IntegrationHub.Tests.World;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Tests.Secrets;

/// <summary>The single-machine default generates its own certificate once under its data folder, and the key ring is sealed with it.</summary>
public sealed class LocalKeyRingTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // the file mode is the PFX's only protection; the hub runs on Linux
    public async Task Local_default_creates_a_private_certificate_once_reuses_it_and_its_hub_seals_the_key_ring_with_it()
    {
        string dataDir = Directory.CreateTempSubdirectory("ihub-keyring-").FullName;
        try
        {
            var first = LocalKeyRing.Ensure(dataDir);
            byte[] pfx = await File.ReadAllBytesAsync(first.Path);
            var second = LocalKeyRing.Ensure(dataDir);

            Assert.Equal((KeyRingSettings.Certificate, Path.Combine(dataDir, LocalKeyRing.CertificateFileName)), first);
            Assert.Equal(first, second);
            Assert.Equal(pfx, await File.ReadAllBytesAsync(second.Path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(first.Path));
            Assert.Equal([LocalKeyRing.CertificateFileName], Directory.GetFiles(dataDir).Select(Path.GetFileName));
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(first.Path, password: null);
            Assert.True(certificate.HasPrivateKey);

            await using var world = await HubWorld.StartAsync(new HubWorldOptions { WebHost = false });
            var secrets = new SecretsSeed(world);
            string connectionString = world.ConnectionString;
            string secret;
            await using (var hub = BuildHub(connectionString, second))
            {
                secret = hub.Services.GetRequiredService<ISecretProtector>().Protect("a token");
            }

            KeyRingAssert.AllSealedBy(await secrets.KeysAsync(), certificate);
            // A later run, given the same file, opens the ring it sealed.
            await using (var hub = BuildHub(connectionString, LocalKeyRing.Ensure(dataDir)))
            {
                Assert.Equal("a token", hub.Services.GetRequiredService<ISecretProtector>().Unprotect(secret));
            }
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public void A_data_folder_from_the_previous_version_keeps_its_key_file_and_gets_no_certificate()
    {
        string dataDir = Directory.CreateTempSubdirectory("ihub-keyring-").FullName;
        try
        {
            string keyFile = Path.Combine(dataDir, LocalKeyRing.LegacyKeyFileName);
            File.WriteAllText(keyFile, KeyEncryptionKey.NewBase64());

            Assert.Equal((KeyRingSettings.KeyFile, keyFile), LocalKeyRing.Ensure(dataDir));
            Assert.False(File.Exists(Path.Combine(dataDir, LocalKeyRing.CertificateFileName)));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    // The hub exactly as the single-machine default builds it, not started: resolving the protector loads the key ring.
    private static WebApplication BuildHub(string connectionString, (string Setting, string Path) keyRing) =>
        HubApp.Build(["--Logging:LogLevel:Default=Warning"], connectionString,
            $"http://127.0.0.1:{WorkerProcess.FreePort()}", $"http://127.0.0.1:{WorkerProcess.FreePort()}", keyRing);
}
