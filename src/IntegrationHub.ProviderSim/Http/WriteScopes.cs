using IntegrationHub.ProviderSim.World;

namespace IntegrationHub.ProviderSim.Http;

/// <summary>
/// Whether a token may write. A personal access token made without scopes may do anything (the simulator's convention
/// everywhere, so existing demos keep working); a token with scopes, and every OAuth token, needs the scope the
/// provider names for the write (see each provider's writes API), or one of the alternatives that also allow it.
/// </summary>
internal static class WriteScopes
{
    /// <summary>The scope the token lacks for this write, or null when it may write.</summary>
    public static string? Missing(SimToken token, string required, params IReadOnlyList<string> alternatives)
    {
        if (token.IsPersonal && token.Scopes.Count == 0) return null;
        return token.HasScope(required) || alternatives.Any(token.HasScope) ? null : required;
    }
}
