using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace IntegrationHub.Secrets;

/// <summary>
/// Seals each key's secret part with the configured key-encryption key before it reaches PostgreSQL, so a dump of the
/// database alone no longer opens the secrets the key ring protects.
/// </summary>
internal sealed class AesGcmXmlEncryptor(KeyEncryptionKey key) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        byte[] plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        byte[] sealedBytes = new byte[AesGcmXml.NonceSize + AesGcmXml.TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, AesGcmXml.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        try
        {
            using var aes = key.NewCipher();
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(AesGcmXml.NonceSize + AesGcmXml.TagSize),
                sealedBytes.AsSpan(AesGcmXml.NonceSize, AesGcmXml.TagSize), AesGcmXml.AssociatedData(key.Id));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        var element = new XElement(AesGcmXml.Element,
            new XAttribute(AesGcmXml.KeyIdAttribute, key.Id),
            new XAttribute("algorithm", "AES-256-GCM"),
            new XElement(AesGcmXml.Value, Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(AesGcmXmlDecryptor));
    }
}
