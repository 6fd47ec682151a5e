using System.Text.Json;

namespace IntegrationHub.Providers.Events;

/// <summary>
/// Reads of a value a provider puts in more than one place, depending on the event, the payload's age or a setting
/// (GitLab's project id in <c>project.id</c>, <c>project_id</c> or <c>object_attributes.project_id</c>). The places are
/// tried in the order given, the usual one first, so a payload that has it there reads exactly as before. When a
/// required value is in none of them, the reason names every place looked at.
/// </summary>
internal static class JsonFallbacks
{
    /// <summary>The first of the paths that holds text (a non-blank string, a number or a boolean), or null.</summary>
    public static string? FirstText(this JsonElement element, params ReadOnlySpan<string> paths)
    {
        foreach (string path in paths)
        {
            if (element.Text(path) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Like <see cref="FirstText"/>, but a value in none of the places fails the payload, naming them all.</summary>
    public static string RequireFirst(this JsonElement element, params ReadOnlySpan<string> paths) =>
        element.FirstText(paths) ?? throw Missing(paths);

    /// <summary>The first of the paths that holds an object, or null.</summary>
    public static JsonElement? FirstObject(this JsonElement element, params ReadOnlySpan<string> paths)
    {
        foreach (string path in paths)
        {
            if (element.Get(path) is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The first of the paths that holds a date in one of the providers' string formats, or null.</summary>
    public static DateTimeOffset? FirstDate(this JsonElement element, params ReadOnlySpan<string> paths)
    {
        foreach (string path in paths)
        {
            if (element.Date(path) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The first candidate that is not null; for values derived in code (a path read out of a URL).</summary>
    public static string? FirstOf(params ReadOnlySpan<string?> candidates)
    {
        foreach (string? candidate in candidates)
        {
            if (!string.IsNullOrWhiteSpace(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The failure for a required value found nowhere: <c>missing required field 'a' (also looked in 'b', 'c')</c>.
    /// The first path is the usual place; the message never quotes the body.
    /// </summary>
    public static PayloadException Missing(params ReadOnlySpan<string> paths)
    {
        if (paths.Length == 0)
        {
            return new PayloadException("missing required field");
        }

        string others = paths.Length > 1 ? $" (also looked in '{string.Join("', '", paths[1..].ToArray())}')" : string.Empty;
        return new PayloadException($"missing required field '{paths[0]}'{others}");
    }
}
