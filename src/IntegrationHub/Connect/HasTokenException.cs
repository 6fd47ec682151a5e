namespace IntegrationHub.Connect;

/// <summary>
/// The webhook-only form was sent again for a repository whose connection has had a token added since: the hub now
/// manages that webhook itself, and starting over without a token would drop the token and strand the webhook.
/// </summary>
public sealed class HasTokenException()
    : InvalidOperationException("This repository is connected with a token already: the hub manages its webhook. Rotate its secret on Repositories, or disconnect it first.");
