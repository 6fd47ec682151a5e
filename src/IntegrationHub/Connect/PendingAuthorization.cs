namespace IntegrationHub.Connect;

/// <summary>A started connect flow, as kept in oauth_states. Secrets are ciphertext.</summary>
public sealed record PendingAuthorization(
    Guid Id,
    Guid TenantId,
    Guid UserId,
    string Provider,
    string AuthKind,
    string BaseUrl,
    string ClientId,
    string? ClientSecretProtected,
    string? CaBundlePem,
    string? CodeVerifierProtected,
    string RedirectUri,
    DateTimeOffset ExpiresAt);
