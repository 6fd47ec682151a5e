namespace IntegrationHub.Secrets;

/// <summary>
/// Every column that holds Data Protection ciphertext (named *_protected, migrations 0002, 0003, 0006, 0021). A test compares
/// this list with the schema, so a new protected column cannot be left out of re-encryption.
/// </summary>
internal static class ProtectedColumns
{
    public static readonly IReadOnlyList<(string Table, string[] Columns)> All =
    [
        ("connections", ["access_token_protected", "refresh_token_protected", "client_secret_protected"]),
        ("hooks", ["secret_protected", "previous_secret_protected"]),
        ("oauth_states", ["client_secret_protected", "code_verifier_protected"]),
        ("subscriptions", ["secret_protected", "previous_secret_protected"]),
    ];
}
