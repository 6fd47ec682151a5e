namespace IntegrationHub.Connect;

/// <summary>The own GitHub App page's delete confirmation as posted: which app.</summary>
internal sealed class OwnGitHubAppDeleteForm
{
    public Guid Id { get; set; }
}
