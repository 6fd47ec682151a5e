using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace IntegrationHub.Secrets;

/// <summary>
/// Stands in for the protector when its settings are unusable, so no code path that skipped the start-up check can
/// write a key to PostgreSQL unencrypted: creating a key fails with the same line the hosts print.
/// </summary>
internal sealed class RefusingXmlEncryptor(string problem) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) => throw new KeyRingException(problem);
}
