using System.Text;

namespace IntegrationHub.ProviderSim.GitHub;

/// <summary>
/// Splits a GraphQL document into tokens (https://spec.graphql.org/October2021/#sec-Language.Source-Text): commas and
/// whitespace are insignificant, <c>#</c> starts a comment, strings are double-quoted with the spec's escapes. Block
/// strings are not needed by any query the hub sends and are refused as a syntax error.
/// </summary>
internal static class GitHubGraphQlLexer
{
    private const string Punctuators = "!$&()[]{}:=@|";

    public static List<GitHubGraphQlToken> Tokenize(string source)
    {
        var tokens = new List<GitHubGraphQlToken>();
        int i = 0, line = 1, lineStart = 0;
        while (true)
        {
            while (i < source.Length && (char.IsWhiteSpace(source[i]) || source[i] == ',' || source[i] == '#' || source[i] == '\uFEFF'))
            {
                if (source[i] == '#')
                {
                    while (i < source.Length && source[i] != '\n') i++;
                    continue;
                }

                if (source[i] == '\n') { line++; lineStart = i + 1; }
                i++;
            }

            var column = i - lineStart + 1;
            if (i >= source.Length)
            {
                tokens.Add(new(GitHubGraphQlTokenKind.End, "", line, column));
                return tokens;
            }

            var c = source[i];
            if (Punctuators.Contains(c, StringComparison.Ordinal))
            {
                tokens.Add(new(GitHubGraphQlTokenKind.Punctuator, c.ToString(), line, column));
                i++;
            }
            else if (c == '.' && string.CompareOrdinal(source, i, "...", 0, 3) == 0)
            {
                tokens.Add(new(GitHubGraphQlTokenKind.Punctuator, "...", line, column));
                i += 3;
            }
            else if (c == '_' || char.IsAsciiLetter(c))
            {
                var start = i;
                while (i < source.Length && (source[i] == '_' || char.IsAsciiLetterOrDigit(source[i]))) i++;
                tokens.Add(new(GitHubGraphQlTokenKind.Name, source[start..i], line, column));
            }
            else if (c == '-' || char.IsAsciiDigit(c))
            {
                var start = i;
                i++;
                while (i < source.Length && (char.IsAsciiDigit(source[i]) || source[i] is '.' or 'e' or 'E' or '+' or '-')) i++;
                var text = source[start..i];
                var isFloat = text.IndexOfAny(['.', 'e', 'E']) >= 0;
                tokens.Add(new(isFloat ? GitHubGraphQlTokenKind.Float : GitHubGraphQlTokenKind.Int, text, line, column));
            }
            else if (c == '"')
            {
                if (string.CompareOrdinal(source, i, "\"\"\"", 0, 3) == 0)
                {
                    throw new GitHubGraphQlException("Block strings are not supported by the simulator", line, column);
                }

                tokens.Add(new(GitHubGraphQlTokenKind.String, ReadString(source, ref i, line, column), line, column));
            }
            else
            {
                throw new GitHubGraphQlException($"Parse error on \"{c}\" (error) at [{line}, {column}]", line, column);
            }
        }
    }

    private static string ReadString(string source, ref int i, int line, int column)
    {
        var text = new StringBuilder();
        i++; // opening quote
        while (i < source.Length && source[i] != '"')
        {
            if (source[i] == '\n') break;
            if (source[i] != '\\')
            {
                text.Append(source[i++]);
                continue;
            }

            if (i + 1 >= source.Length) break;
            var escaped = source[i + 1];
            i += 2;
            switch (escaped)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'u' when i + 4 <= source.Length && ushort.TryParse(source.AsSpan(i, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    text.Append((char)code);
                    i += 4;
                    break;
                case '"' or '\\' or '/': text.Append(escaped); break;
                default: throw new GitHubGraphQlException($"Bad escape \\{escaped} in string at [{line}, {column}]", line, column);
            }
        }

        if (i >= source.Length || source[i] != '"')
        {
            throw new GitHubGraphQlException($"Unterminated string at [{line}, {column}]", line, column);
        }

        i++; // closing quote
        return text.ToString();
    }
}
