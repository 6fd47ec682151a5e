using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using IntegrationHub.Secrets;
namespace IntegrationHub.Tests.Secrets;

internal static class KeyRingAssert
{
    public static string IdOf(string base64Key) => KeyEncryptionKey.Parse(base64Key, "test key").Id;

    /// <summary>Every key's secret part is sealed with <paramref name="base64Key"/>, and no master key is readable in the row.</summary>
    public static void AllSealedBy(IReadOnlyCollection<XElement> keys, string base64Key)
    {
        Assert.NotEmpty(keys);
        string id = IdOf(base64Key);
        Assert.All(keys, key =>
        {
            string xml = key.ToString();
            Assert.DoesNotContain("masterKey", xml);
            var sealedParts = key.Descendants("aesGcmSealed").ToList();
            Assert.NotEmpty(sealedParts);
            Assert.All(sealedParts, p => Assert.Equal(id, (string?)p.Attribute("keyId")));
        });
    }

    /// <summary>Every key's secret part is encrypted to <paramref name="certificate"/> (named in the element), and no master key is readable in the row.</summary>
    public static void AllSealedBy(IReadOnlyCollection<XElement> keys, X509Certificate2 certificate)
    {
        Assert.NotEmpty(keys);
        string named = Convert.ToBase64String(certificate.RawData);
        Assert.All(keys, key =>
        {
            Assert.DoesNotContain("masterKey", key.ToString());
            var sealedParts = KeyRingXml.SealedParts(key).ToList();
            Assert.NotEmpty(sealedParts);
            Assert.All(sealedParts, p => Assert.Equal([named], p.Descendants().Where(e => e.Name.LocalName == "X509Certificate").Select(e => e.Value.Trim())));
        });
    }
}
