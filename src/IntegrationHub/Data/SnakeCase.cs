using System.Text;

namespace IntegrationHub.Data;

/// <summary>PostgreSQL names are snake_case; C# names are PascalCase. One place maps one to the other.</summary>
internal static class SnakeCase
{
    public static string From(string name)
    {
        // One word in our columns (github_app_id), not two.
        name = name.Replace("GitHub", "Github", StringComparison.Ordinal);
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool boundary = i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1])));
                if (boundary)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }
}
