using Microsoft.AspNetCore.DataProtection;

namespace IntegrationHub.Secrets;

internal sealed class SecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    // The purpose string isolates these ciphertexts from cookies and antiforgery tokens made with the same key ring.
    public const string Purpose = SecretPurposes.General;

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => _protector.Unprotect(protectedValue);
}
