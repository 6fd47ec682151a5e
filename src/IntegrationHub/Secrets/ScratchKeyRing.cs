using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace IntegrationHub.Secrets;

/// <summary>
/// A Data Protection instance of its own over an in-memory key ring, with the hub's application name and the secrets'
/// purposes. The re-protect command reads with one holding the opened old keys and writes with one holding only the
/// fresh key, so nothing it writes can land under an old key, and nothing touches PostgreSQL outside its transaction.
/// </summary>
internal sealed class ScratchKeyRing : IDisposable
{
    private readonly ServiceProvider _services;

    public ScratchKeyRing(IEnumerable<XElement> keys, IXmlEncryptor? encryptor)
    {
        Keys = new MemoryXmlRepository(keys);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName(KeyRingSetup.ApplicationName).AddKeyManagementOptions(o =>
        {
            o.XmlRepository = Keys;
            o.XmlEncryptor = encryptor;
        });
        _services = services.BuildServiceProvider();
        Protector = For(SecretProtector.Purpose);
    }

    public MemoryXmlRepository Keys { get; }

    public IDataProtector Protector { get; }

    /// <summary>A protector of this ring for another purpose (<see cref="SecretPurposes"/>).</summary>
    public IDataProtector For(string purpose) => _services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);

    public IKey CreateKey(DateTimeOffset activation, TimeSpan lifetime) =>
        _services.GetRequiredService<IKeyManager>().CreateNewKey(activation, activation + lifetime);

    public void Dispose() => _services.Dispose();
}
