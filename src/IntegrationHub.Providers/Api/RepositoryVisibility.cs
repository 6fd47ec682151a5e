namespace IntegrationHub.Providers.Api;

public enum RepositoryVisibility
{
    Private,
    Public,

    /// <summary>Visible to every signed-in user of the instance or enterprise (GitHub Enterprise, GitLab, Azure "organization").</summary>
    Internal,
}
