namespace IntegrationHub.Data;

/// <summary>
/// Which of a connection's repositories the hub watches (connections.watch_mode). Discovery stores a new repository
/// watched only in <see cref="All"/>; hooks are planned for watched repositories only.
/// </summary>
public static class WatchModes
{
    /// <summary>Every repository, including ones added at the provider later (the default).</summary>
    public const string All = "all";

    /// <summary>Only the repositories a person ticks: discovery lists the rest unwatched and no hook is made for them.</summary>
    public const string Selected = "selected";

    public static bool IsKnown(string? mode) => mode is All or Selected;
}
