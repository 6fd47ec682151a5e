namespace IntegrationHub.Accounts;

/// <summary>A sign-in's answer: signed in, refused (the same for a wrong password and an unknown e-mail), or throttled.</summary>
public sealed record SignInOutcome(bool Succeeded, TimeSpan? RetryAfter = null);
