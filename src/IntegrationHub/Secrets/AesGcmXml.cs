using System.Text;
using System.Xml.Linq;

namespace IntegrationHub.Secrets;

/// <summary>The shape of a key-ring element sealed with a key-encryption key (AES-256-GCM), shared by both directions.</summary>
internal static class AesGcmXml
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    public static readonly XName Element = "aesGcmSealed";
    public static readonly XName KeyIdAttribute = "keyId";
    public static readonly XName Value = "value";

    /// <summary>Binds the ciphertext to the key id it claims, so an element cannot be relabelled to another key.</summary>
    public static byte[] AssociatedData(string keyId) => Encoding.UTF8.GetBytes("IntegrationHub.KeyRing.v1:" + keyId);
}
