namespace IntegrationHub.Providers.Api;

/// <summary>
/// How many content-creating requests (creating a webhook among them) one token may make, as the provider documents it:
/// a limit of its own beside the ordinary rate limit, answered with a refusal rather than announced in headers, so the
/// hub must pace itself under it.
/// </summary>
public sealed record ContentCreationLimits(int PerMinute, int PerHour);
