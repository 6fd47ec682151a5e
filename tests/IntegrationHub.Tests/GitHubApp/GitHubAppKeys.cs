using System.Security.Cryptography;

namespace IntegrationHub.Tests.GitHubApp;

/// <summary>RSA keys for test apps, made once per run (2048-bit generation is slow on a shared machine).</summary>
internal static class GitHubAppKeys
{
    private static readonly Lazy<RSA> Shared = new(() => RSA.Create(2048));

    /// <summary>PKCS#1, as GitHub hands it out.</summary>
    public static string Pem => Shared.Value.ExportRSAPrivateKeyPem();

    /// <summary>The public half (SubjectPublicKeyInfo PEM), what an app registered at the simulator with its own key is given.</summary>
    public static string PublicPem => Shared.Value.ExportSubjectPublicKeyInfoPem();

    /// <summary>The base64 body of the key, what would show if it were stored in clear.</summary>
    public static string Body => string.Concat(Pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
}
