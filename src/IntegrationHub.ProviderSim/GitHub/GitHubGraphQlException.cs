namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// A query GitHub would refuse as a whole (syntax, validation, pagination or node limits): answered with HTTP 200, an
/// <c>errors</c> entry and no <c>data</c>. <see cref="Type"/> is GitHub's error type where it gives one.
/// </summary>
internal sealed class GitHubGraphQlException(string message, int line, int column, string? type = null) : Exception(message)
{
    public int Line { get; } = line;
    public int Column { get; } = column;
    public string? Type { get; } = type;
}
