using IntegrationHub.Data;

namespace IntegrationHub.Connect;

/// <summary>
/// The "which repositories" choice every connect form offers (field <see cref="Field"/>). Absent means all, the default
/// and what forms and clients made before the choice send; any other word is refused before anything is stored or the
/// browser is sent to a provider.
/// </summary>
public static class WatchChoice
{
    public const string Field = "watch";

    public const string Refusal = "Choose which repositories to watch: all of them (including new ones), or only the ones you pick.";

    /// <summary>The watch mode the form asked for; false for a value that is not one.</summary>
    public static bool TryRead(string? value, out string mode)
    {
        mode = string.IsNullOrWhiteSpace(value) ? WatchModes.All : value.Trim();
        return WatchModes.IsKnown(mode);
    }
}
