namespace IntegrationHub.Providers.Events;

/// <summary>
/// Finds the @mentions in comment and description text: <c>@user</c>, <c>@group/subgroup</c> (GitLab),
/// <c>@{account-id}</c> (Bitbucket Cloud) and <c>@&lt;identity&gt;</c> (Azure DevOps stores mentions so).
/// Not e-mail addresses, not inside code spans or fenced code blocks, where an @ is code, not a call for attention.
/// Mentions come back distinct (ignoring case, as logins are case-insensitive) and in order of first appearance, without the @.
/// </summary>
public static class MentionParser
{
    /// <summary>Parses several texts (a title and a body, say) as one.</summary>
    public static IReadOnlyList<string> Parse(params string?[] texts)
    {
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            string? fence = null;
            foreach (string rawLine in text.Split('\n'))
            {
                string line = rawLine.TrimEnd('\r');
                string trimmed = line.TrimStart(' ');
                if (fence is not null)
                {
                    if (line.Length - trimmed.Length <= 3 && trimmed.StartsWith(fence, StringComparison.Ordinal))
                    {
                        fence = null;
                    }

                    continue;
                }

                if (line.Length - trimmed.Length <= 3 && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
                {
                    fence = trimmed[..3];
                    continue;
                }

                ScanLine(line, found, seen);
            }
        }

        return found;
    }

    private static void ScanLine(string line, List<string> found, HashSet<string> seen)
    {
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == '`')
            {
                i = SkipCodeSpan(line, i);
                continue;
            }

            if (c == '@' && (i == 0 || !IsWordAdjacent(line[i - 1])) && ReadMention(line, i + 1, out string? mention, out int next))
            {
                if (seen.Add(mention))
                {
                    found.Add(mention);
                }

                i = next;
                continue;
            }

            i++;
        }
    }

    /// <summary>A code span opened by N backticks ends at the next run of exactly N; unmatched backticks are plain text.</summary>
    private static int SkipCodeSpan(string line, int start)
    {
        int run = CountRun(line, start);
        int i = start + run;
        while (i < line.Length)
        {
            if (line[i] == '`')
            {
                int closing = CountRun(line, i);
                if (closing == run)
                {
                    return i + closing;
                }

                i += closing;
            }
            else
            {
                i++;
            }
        }

        return start + run;
    }

    private static int CountRun(string line, int start)
    {
        int i = start;
        while (i < line.Length && line[i] == '`')
        {
            i++;
        }

        return i - start;
    }

    private static bool ReadMention(string line, int start, out string mention, out int next)
    {
        mention = string.Empty;
        next = start;
        if (start >= line.Length)
        {
            return false;
        }

        if (line[start] is '<' or '{')
        {
            char close = line[start] == '<' ? '>' : '}';
            int end = line.IndexOf(close, start + 1);
            if (end <= start + 1 || line.AsSpan(start + 1, end - start - 1).ContainsAny(" \t"))
            {
                return false;
            }

            mention = line[(start + 1)..end];
            next = end + 1;
            return true;
        }

        if (!char.IsAsciiLetterOrDigit(line[start]) && line[start] != '_')
        {
            return false;
        }

        int i = start;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or '-' or '.' or '/'))
        {
            i++;
        }

        // "Thanks @alice." or "@group/": trailing punctuation ends the sentence, not the handle.
        int stop = i;
        while (stop > start && line[stop - 1] is '.' or '/' or '-')
        {
            stop--;
        }

        // "@alice@example.com" is an address, not a mention.
        if (i < line.Length && line[i] == '@')
        {
            next = i;
            return false;
        }

        mention = line[start..stop];
        next = i;
        return mention.Length > 0;
    }

    /// <summary>An @ right after a word character or address punctuation is part of an e-mail address or a path.</summary>
    private static bool IsWordAdjacent(char previous) =>
        char.IsLetterOrDigit(previous) || previous is '_' or '.' or '-' or '+' or '/' or '@';
}
