namespace IntegrationHub.Providers.Events;

/// <summary>Cuts comment text to a size the activity feed can show and store without holding whole essays.</summary>
public static class Excerpts
{
    /// <summary>The longest excerpt, ellipsis included.</summary>
    public const int MaxLength = 280;

    /// <summary>Returns the trimmed text, cut at <see cref="MaxLength"/> with an ellipsis; null for null or blank text.</summary>
    public static string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string trimmed = text.Trim();
        if (trimmed.Length <= MaxLength)
        {
            return trimmed;
        }

        int cut = MaxLength - 1;
        // Never split a surrogate pair: a lone half is invalid UTF-16 and breaks JSON writers downstream.
        if (char.IsHighSurrogate(trimmed[cut - 1]))
        {
            cut--;
        }

        return string.Concat(trimmed.AsSpan(0, cut), "…");
    }
}
