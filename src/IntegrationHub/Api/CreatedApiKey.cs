using IntegrationHub.Data;

namespace IntegrationHub.Api;

/// <summary>A key just made: the stored row and the plaintext, which exists only in this object and the one response that shows it.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Plaintext);
