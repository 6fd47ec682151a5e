using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IntegrationHub.Secrets;
namespace IntegrationHub.Local;

/// <summary>
/// The single-machine default's key-ring protector: a self-signed certificate generated once into the data folder as a
/// PFX (no password: the file is readable by its owner only), reused on every later run, and given to the hub through
/// the ordinary certificate setting. A data folder from an earlier version holds a key file instead; its key ring is
/// sealed with that key, so the key file keeps being used there.
/// </summary>
internal static class LocalKeyRing
{
    public const string CertificateFileName = "keyring.pfx";
    public const string LegacyKeyFileName = "keyring.key";

    /// <summary>The protector setting and its file: the data folder's key file when it has one, else its certificate, created when missing.</summary>
    public static (string Setting, string Path) Ensure(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        string legacy = Path.Combine(dataDir, LegacyKeyFileName);
        return File.Exists(legacy) ? (KeyRingSettings.KeyFile, legacy) : (KeyRingSettings.Certificate, EnsureCertificate(dataDir));
    }

    private static string EnsureCertificate(string dataDir)
    {
        string path = Path.Combine(dataDir, CertificateFileName);
        if (File.Exists(path))
        {
            return path;
        }

        // Written whole to a private temporary file, then moved into place without overwriting: a concurrent or
        // interrupted run never leaves a half-written PFX, and an existing one (which seals the key ring) is never replaced.
        string temporary = Path.Combine(dataDir, $".{CertificateFileName}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created owner-only, never widened afterwards: no moment where another user could read it.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var file = new FileStream(temporary, options))
            {
                file.Write(NewPfx());
            }

            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another run made it first: that certificate is the one to keep.
        }
        finally
        {
            File.Delete(temporary);
        }

        return path;
    }

    // RSA: Data Protection's certificate encryptor (EncryptedXml) wraps keys with RSA only, not ECDSA.
    private static byte[] NewPfx()
    {
        using var rsa = RSA.Create(3072);
        var request = new CertificateRequest("CN=IntegrationHub local key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DataEncipherment, critical: true));
        var now = DateTimeOffset.UtcNow;
        // Data Protection does not check validity dates when sealing or opening; a long life spares a renewal for nothing.
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
        return certificate.Export(X509ContentType.Pfx);
    }
}
