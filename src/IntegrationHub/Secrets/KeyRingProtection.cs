using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;

namespace IntegrationHub.Secrets;

/// <summary>
/// What seals the key ring on this node: a key-encryption key or a certificate (never both), plus the ones it replaced,
/// kept for reading only while a rotation is under way. <see cref="Problem"/> holds the line to print when the settings
/// are unusable (the hosts refuse to start then).
/// </summary>
internal sealed class KeyRingProtection
{
    public KeyEncryptionKey? Key { get; init; }

    public X509Certificate2? Certificate { get; init; }

    public KeyEncryptionKey? PreviousKey { get; init; }

    public X509Certificate2? PreviousCertificate { get; init; }

    public string? Problem { get; init; }

    public bool IsSet => Key is not null || Certificate is not null;

    public string Describe() => Key is { } key ? $"key-encryption key {key.Id}"
        : Certificate is { } cert ? $"certificate {cert.Thumbprint}"
        : "no protector";

    public KeyEncryptionKey? FindKey(string id) =>
        new[] { Key, PreviousKey }.FirstOrDefault(k => k is not null && k.Id == id);

    /// <summary>True when <paramref name="sealedSecret"/> (an encryptedSecret element) was sealed by the current protector.</summary>
    public bool SealedNow(XElement sealedSecret) => Key is { } key
        ? KeyIdOf(sealedSecret) == key.Id
        : Certificate is { } cert && CertificatesOf(sealedSecret).Contains(Convert.ToBase64String(cert.RawData));

    /// <summary>True when this node was given the protector that sealed <paramref name="sealedSecret"/>.</summary>
    public bool CanOpen(XElement sealedSecret)
    {
        if (KeyIdOf(sealedSecret) is { } id)
        {
            return FindKey(id) is not null;
        }

        var known = new[] { Certificate, PreviousCertificate }.OfType<X509Certificate2>().Select(c => Convert.ToBase64String(c.RawData));
        var certificates = CertificatesOf(sealedSecret).ToList();
        return certificates.Count == 0 || certificates.Intersect(known).Any();
    }

    /// <summary>Names what sealed <paramref name="sealedSecret"/>, for messages: a key id or a certificate thumbprint, never key material.</summary>
    public static string SealOf(XElement sealedSecret) => KeyIdOf(sealedSecret) is { } id ? $"key-encryption key {id}"
        : CertificatesOf(sealedSecret).FirstOrDefault() is { } certificate
            ? $"certificate {X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate)).Thumbprint}"
            : $"decryptor {((string?)sealedSecret.Attribute("decryptorType"))?.Split(',')[0]}";

    private static string? KeyIdOf(XElement sealedSecret) =>
        sealedSecret.Elements(AesGcmXml.Element).Select(e => (string?)e.Attribute(AesGcmXml.KeyIdAttribute)).FirstOrDefault();

    // EncryptedXml names the certificate it encrypted to (KeyInfo/X509Data/X509Certificate) beside the ciphertext.
    private static IEnumerable<string> CertificatesOf(XElement sealedSecret) =>
        sealedSecret.Descendants().Where(e => e.Name.LocalName == "X509Certificate").Select(e => e.Value.Trim());
}
