namespace IntegrationHub.Secrets;

/// <summary>
/// Every column that holds Data Protection ciphertext (named *_protected, migrations 0002, 0003, 0006, 0021, 0036), with
/// the purpose it is encrypted under. A test compares this list with the schema, so a new protected column cannot be left
/// out of re-encryption.
/// </summary>
internal static class ProtectedColumns
{
    public static readonly IReadOnlyList<ProtectedTable> All =
    [
        new("connections", ["access_token_protected", "refresh_token_protected", "client_secret_protected"]),
        new("hooks", ["secret_protected", "previous_secret_protected"]),
        new("oauth_states", ["client_secret_protected", "code_verifier_protected"]),
        new("subscriptions", ["secret_protected", "previous_secret_protected"]),
        new("github_apps", ["client_secret_protected", "private_key_protected", "webhook_secret_protected"]) { Purpose = SecretPurposes.GitHubAppKeys },
        new("github_installation_tokens", ["token_protected"]) { Purpose = SecretPurposes.GitHubInstallationTokens },
    ];
}
