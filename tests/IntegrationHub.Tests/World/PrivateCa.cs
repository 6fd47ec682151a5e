using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.Tests.World;

/// <summary>
/// An internal certificate authority as a company would run one: a root that no system store trusts, and a server
/// certificate it issued for 127.0.0.1 and localhost, written as a PFX that Kestrel serves.
/// </summary>
internal sealed class PrivateCa : IDisposable
{
    private readonly X509Certificate2 _root;

    private PrivateCa(X509Certificate2 root, string pfxPath, string password)
    {
        _root = root;
        ServerPfxPath = pfxPath;
        ServerPfxPassword = password;
    }

    public string RootPem => _root.ExportCertificatePem();
    public string ServerPfxPath { get; }
    public string ServerPfxPassword { get; }

    /// <summary>Arguments that make the simulator serve HTTPS on a dynamic loopback port with the issued certificate.</summary>
    public string[] KestrelArgs() =>
        ["--urls", "https://127.0.0.1:0", $"--Kestrel:Certificates:Default:Path={ServerPfxPath}", $"--Kestrel:Certificates:Default:Password={ServerPfxPassword}"];

    public static PrivateCa Create(string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest($"CN={name} Root CA, O=IntegrationHub tests", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        var root = rootRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        using var issued = serverRequest.Create(root, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        using var server = issued.CopyWithPrivateKey(serverKey);

        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        string path = Path.Combine(Path.GetTempPath(), $"ihub-ca-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, server.Export(X509ContentType.Pfx, password));
        return new PrivateCa(root, path, password);
    }

    /// <summary>A test-side client that trusts this CA only (the simulator's control API over HTTPS).</summary>
    public HttpMessageHandler ClientHandler()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(_root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = new X509Certificate2(certificate);
            return chain.Build(leaf);
        };
        return handler;
    }

    public void Dispose()
    {
        _root.Dispose();
        File.Delete(ServerPfxPath);
    }
}
