using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;

namespace IntegrationHub.Secrets;

/// <summary>Reads the key-ring protector settings (README, Configuration) into a <see cref="KeyRingProtection"/>.</summary>
internal static class KeyRingSettings
{
    public const string Key = "Hub:KeyRing:Key";
    public const string KeyFile = "Hub:KeyRing:KeyFile";
    public const string PreviousKey = "Hub:KeyRing:PreviousKey";
    public const string PreviousKeyFile = "Hub:KeyRing:PreviousKeyFile";
    public const string Certificate = "Hub:KeyRingCertificatePath";
    public const string CertificatePassword = "Hub:KeyRingCertificatePassword";
    public const string PreviousCertificate = "Hub:KeyRing:PreviousCertificatePath";
    public const string PreviousCertificatePassword = "Hub:KeyRing:PreviousCertificatePassword";

    public static KeyRingProtection Read(IConfiguration configuration)
    {
        try
        {
            var key = ReadKey(configuration, Key, KeyFile);
            var certificate = ReadCertificate(configuration, Certificate, CertificatePassword);
            if (key is not null && certificate is not null)
            {
                throw new KeyRingException($"both a key-encryption key ({Env(Key)} or {Env(KeyFile)}) and a certificate ({Env(Certificate)}) are set. "
                    + $"Keep one; while moving from one to the other, give the old one as {Env(PreviousKey)} or {Env(PreviousCertificate)}.");
            }

            return new KeyRingProtection
            {
                Key = key,
                Certificate = certificate,
                PreviousKey = ReadKey(configuration, PreviousKey, PreviousKeyFile),
                PreviousCertificate = ReadCertificate(configuration, PreviousCertificate, PreviousCertificatePassword),
            };
        }
        catch (KeyRingException e)
        {
            return new KeyRingProtection { Problem = e.Message };
        }
    }

    /// <summary>The environment-variable spelling of a setting, as operators set it.</summary>
    public static string Env(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);

    private static KeyEncryptionKey? ReadKey(IConfiguration configuration, string valueSetting, string fileSetting)
    {
        string? value = Blank(configuration[valueSetting]);
        string? file = Blank(configuration[fileSetting]);
        return (value, file) switch
        {
            (not null, not null) => throw new KeyRingException($"both {Env(valueSetting)} and {Env(fileSetting)} are set; keep one."),
            (not null, null) => KeyEncryptionKey.Parse(value, Env(valueSetting)),
            (null, not null) => KeyEncryptionKey.FromFile(file, Env(fileSetting)),
            _ => null,
        };
    }

    private static X509Certificate2? ReadCertificate(IConfiguration configuration, string pathSetting, string passwordSetting)
    {
        if (Blank(configuration[pathSetting]) is not { } path)
        {
            return null;
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[passwordSetting]);
            return certificate.HasPrivateKey
                ? certificate
                : throw new KeyRingException($"{Env(pathSetting)} names {path}, which holds no private key. Give a PFX with its private key.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KeyRingException($"{Env(pathSetting)} names {path}, which cannot be loaded ({e.GetType().Name}). "
                + $"Check the file and {Env(passwordSetting)}.");
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
