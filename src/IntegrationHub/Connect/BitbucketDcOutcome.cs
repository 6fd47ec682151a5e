namespace IntegrationHub.Connect;

/// <summary>
/// What the Bitbucket Data Center form led to: a token connection (<see cref="ConnectedId"/>), a webhook-only one whose
/// webhook URL and secret are shown once (<see cref="WebhookUrl"/>, <see cref="Secret"/>, for the repository
/// <see cref="FullPath"/>: the one the secret was made for, whatever the form holds by the time it is shown), or a
/// refusal in plain words.
/// </summary>
public sealed record BitbucketDcOutcome(Guid? ConnectedId = null, string? WebhookUrl = null, string? Secret = null, string? Error = null,
    string? FullPath = null);
