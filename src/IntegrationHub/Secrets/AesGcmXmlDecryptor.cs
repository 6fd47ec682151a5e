using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Secrets;

/// <summary>
/// Opens what <see cref="AesGcmXmlEncryptor"/> sealed, with whichever configured key (current or previous) the element
/// names. Data Protection creates it from the type name stored beside each element, through this public constructor.
/// </summary>
internal sealed class AesGcmXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        if (encryptedElement.Name != AesGcmXml.Element || (string?)encryptedElement.Attribute(AesGcmXml.KeyIdAttribute) is not { } keyId)
        {
            throw new CryptographicException("This key-ring element is not one sealed with a key-encryption key.");
        }

        var key = services.GetRequiredService<KeyRingProtection>().FindKey(keyId)
            ?? throw new CryptographicException($"This key-ring element is sealed with key-encryption key {keyId}, which this node was not given. "
                + "Give it as Hub:KeyRing:Key (or KeyFile), or as Hub:KeyRing:PreviousKey (or PreviousKeyFile) while rotating.");
        byte[] sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element(AesGcmXml.Value) ?? "");
        if (sealedBytes.Length < AesGcmXml.NonceSize + AesGcmXml.TagSize)
        {
            throw new CryptographicException("This key-ring element is truncated.");
        }

        byte[] plaintext = new byte[sealedBytes.Length - AesGcmXml.NonceSize - AesGcmXml.TagSize];
        try
        {
            using var aes = key.NewCipher();
            aes.Decrypt(sealedBytes.AsSpan(0, AesGcmXml.NonceSize), sealedBytes.AsSpan(AesGcmXml.NonceSize + AesGcmXml.TagSize),
                sealedBytes.AsSpan(AesGcmXml.NonceSize, AesGcmXml.TagSize), plaintext, AesGcmXml.AssociatedData(keyId));
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
