using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IntegrationHub.Secrets;

/// <summary>The shared key ring in PostgreSQL, sealed by the configured protector, and the secret protector on top of it.</summary>
internal static class KeyRingSetup
{
    /// <summary>Every node and the re-protect command must agree on it: it is part of every key's purpose chain.</summary>
    public const string ApplicationName = "IntegrationHub";

    public static IServiceCollection AddHubKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var protection = KeyRingSettings.Read(configuration);
        services.AddSingleton(protection);
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (protection.Certificate is { } certificate)
        {
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        if (protection.PreviousCertificate is { } previous)
        {
            dataProtection.UnprotectKeysWithAnyCertificate(previous);
        }

        services.AddSingleton<PostgresXmlRepository>();
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = sp.GetRequiredService<PostgresXmlRepository>();
            if (protection.Problem is { } problem)
            {
                o.XmlEncryptor = new RefusingXmlEncryptor(problem);
            }
            else if (protection.Key is { } key)
            {
                o.XmlEncryptor = new AesGcmXmlEncryptor(key);
            }
        }));
        services.AddSingleton<ISecretProtector, SecretProtector>();
        services.AddSingleton<KeyRingReprotector>();
        return services;
    }
}
