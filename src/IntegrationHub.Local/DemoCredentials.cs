namespace IntegrationHub.Local;

internal sealed record DemoCredentials(string DemoEmail, string DemoPassword, string AdminEmail, string AdminPassword)
{
    public Guid DemoTenantId { get; init; }

    /// <summary>
    /// The demo tenant's API key with every scope. Only its hash is in the database; the plaintext lives only in this
    /// local file, so the local default can print it on every start.
    /// </summary>
    public string? DemoApiKey { get; init; }

    /// <summary>The mention bot's subscription secret (shown once by the hub, so kept here); see MentionBotSetup.</summary>
    public string? MentionBotWebhookSecret { get; init; }
}
