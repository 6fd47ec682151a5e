using System.Buffers.Text;
using System.Text;

namespace IntegrationHub.Repositories;

/// <summary>
/// The repositories listing's keyset position, (full path, id) of the last row returned, as an opaque base64url string.
/// A keyset rather than an offset: rows discovered meanwhile neither shift a page nor make a client see a row twice.
/// </summary>
public readonly record struct RepositoryCursor(string FullPath, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Id:N}{FullPath}"));

    public static bool TryParse(string? value, out RepositoryCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return false;
        }

        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            if (text.Length < 32 || !Guid.TryParseExact(text[..32], "N", out var id))
            {
                return false;
            }

            cursor = new RepositoryCursor(text[32..], id);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
