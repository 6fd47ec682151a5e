using System.Text.Json;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// The body's top-level <c>installation</c> (its id, and the account's login where the event carries it), read in one
/// forward pass without building a document: every app delivery names the installation it was sent for, last in the body.
/// https://docs.github.com/webhooks/webhook-events-and-payloads#installation
/// </summary>
internal readonly record struct AppDeliveryInstallation(long Id, string? AccountLogin)
{
    /// <summary>The installation, or null when the body names none (an app's ping) or is not a JSON object.</summary>
    public static AppDeliveryInstallation? Read(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isInstallation = reader.ValueTextEquals("installation"u8);
                reader.Read();
                if (isInstallation && reader.TokenType == JsonTokenType.StartObject)
                {
                    return ReadInstallation(ref reader);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static AppDeliveryInstallation? ReadInstallation(ref Utf8JsonReader reader)
    {
        long? id = null;
        string? login = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long n) && n > 0 ? n : null;
            }
            else if (reader.ValueTextEquals("account"u8))
            {
                reader.Read();
                login = reader.TokenType == JsonTokenType.StartObject ? Login(ref reader) : SkipValue(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return id is { } found ? new AppDeliveryInstallation(found, login) : null;
    }

    private static string? Login(ref Utf8JsonReader reader)
    {
        string? login = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isLogin = reader.ValueTextEquals("login"u8);
            reader.Read();
            if (isLogin && reader.TokenType == JsonTokenType.String)
            {
                login = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return login;
    }

    private static string? SkipValue(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
