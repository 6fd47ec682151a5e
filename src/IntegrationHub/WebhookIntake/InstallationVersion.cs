using System.Globalization;
using System.Text.Json;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Reads a time of an installation payload: GitHub sends <c>updated_at</c> and <c>suspended_at</c> as ISO-8601 text in some
/// events and as epoch seconds in others (the shared fixtures hold both), so both are read; anything else is null.
/// </summary>
internal static class InstallationVersion
{
    public static DateTimeOffset? Read(JsonElement installation, string property)
    {
        if (!installation.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out long seconds) && seconds is > 0 and < 253402300800 => DateTimeOffset.FromUnixTimeSeconds(seconds),
            JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out var at) => at.ToUniversalTime(),
            _ => null,
        };
    }
}
