namespace IntegrationHub.Secrets;

/// <summary>Encrypts tokens, client secrets and webhook secrets before they are stored, with the shared key ring.</summary>
public interface ISecretProtector
{
    string Protect(string plaintext);

    string Unprotect(string protectedValue);
}
