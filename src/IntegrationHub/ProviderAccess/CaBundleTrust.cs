using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace IntegrationHub.ProviderAccess;

/// <summary>
/// Trust for a self-hosted instance behind an internal certificate authority: the chain must build to one of the
/// tenant's CA certificates (and only those), and the host name must still match. Nothing is switched off.
/// </summary>
internal sealed class CaBundleTrust
{
    private readonly X509Certificate2Collection _roots;

    private CaBundleTrust(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>Parses a PEM bundle; null with an error when it holds no certificate.</summary>
    public static (CaBundleTrust? Trust, string? Error) Parse(string pem)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return (null, "The CA bundle is not valid PEM.");
        }

        return roots.Count == 0 ? (null, "The CA bundle holds no certificate.") : (new CaBundleTrust(roots), null);
    }

    public bool Validate(X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A name mismatch or a missing certificate is never excused; only the chain is judged against the bundle.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // Internal CAs seldom publish revocation lists the hub can reach; the bundle itself is the trust decision.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
