namespace IntegrationHub.Providers.Events;

/// <summary>Who caused the event, as far as the payload tells.</summary>
/// <param name="Login">The handle (GitHub/GitLab username, Bitbucket nickname or slug, Azure unique name).</param>
/// <param name="DisplayName">The display name, when the provider sends one (GitHub webhooks do not).</param>
public sealed record EventActor(string? Login, string? DisplayName);
