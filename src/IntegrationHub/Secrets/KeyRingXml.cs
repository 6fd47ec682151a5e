using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace IntegrationHub.Secrets;

/// <summary>
/// Data Protection's key-ring XML as re-protection needs it: open every sealed part of a key with whatever sealed it,
/// seal every part marked "requires encryption" with the current protector (what Data Protection does internally when
/// it reads and writes a key), and write a revocation.
/// </summary>
internal static class KeyRingXml
{
    private static readonly XNamespace Ns = "http://schemas.asp.net/2015/03/dataProtection";
    private static readonly XName SealedSecret = Ns + "encryptedSecret";
    private static readonly XName RequiresEncryption = Ns + "requiresEncryption";
    private static readonly XName DecryptorType = "decryptorType";

    public static bool IsKey(XElement element) => element.Name == "key";

    public static Guid KeyId(XElement key) => (Guid)key.Attribute("id")!;

    public static IEnumerable<XElement> SealedParts(XElement key) => key.Descendants(SealedSecret);

    public static bool HasPlaintextSecret(XElement key) =>
        key.Descendants().Any(e => (bool?)e.Attribute(RequiresEncryption) == true);

    /// <summary>A copy of <paramref name="key"/> with every sealed part opened by the decryptor it names (created as Data Protection does).</summary>
    public static XElement Open(XElement key, IServiceProvider services) =>
        Replace(key, SealedParts, sealedPart =>
        {
            var type = Type.GetType((string)sealedPart.Attribute(DecryptorType)!, throwOnError: true)!;
            var decryptor = (IXmlDecryptor)(type.GetConstructor([typeof(IServiceProvider)]) is { } withServices
                ? withServices.Invoke([services])
                : Activator.CreateInstance(type)!);
            return decryptor.Decrypt(new XElement(sealedPart.Elements().Single()));
        });

    /// <summary>A copy of an opened <paramref name="key"/> with every secret part sealed by <paramref name="encryptor"/>.</summary>
    public static XElement Seal(XElement key, IXmlEncryptor encryptor) =>
        Replace(key, k => k.Descendants().Where(e => (bool?)e.Attribute(RequiresEncryption) == true), secret =>
        {
            var info = encryptor.Encrypt(new XElement(secret));
            return new XElement(SealedSecret, new XAttribute(DecryptorType, info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement);
        });

    /// <summary>The revocation Data Protection itself writes for one key (IKeyManager.RevokeKey).</summary>
    public static XElement Revocation(Guid keyId, DateTimeOffset at, string reason) =>
        new("revocation", new XAttribute("version", 1),
            new XElement("revocationDate", at),
            new XElement("key", new XAttribute("id", keyId)),
            new XElement("reason", reason));

    // Placeholders first, then the swap: what a replacement contains is never searched again.
    private static XElement Replace(XElement key, Func<XElement, IEnumerable<XElement>> find, Func<XElement, XElement> replace)
    {
        var copy = new XDocument(new XElement(key)).Root!;
        var swaps = new List<(XElement Placeholder, XElement Replacement)>();
        while (find(copy).FirstOrDefault() is { } target)
        {
            var placeholder = new XElement("placeholder");
            swaps.Add((placeholder, replace(target)));
            target.ReplaceWith(placeholder);
        }

        foreach (var (placeholder, replacement) in swaps)
        {
            placeholder.ReplaceWith(replacement);
        }

        return copy;
    }
}
