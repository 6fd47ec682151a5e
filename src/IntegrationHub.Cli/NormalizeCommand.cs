using System.Text.Json;
using IntegrationHub.Providers;
using IntegrationHub.Providers.Events;

namespace IntegrationHub.Cli;

/// <summary><c>ihub normalize</c>: a payload on stdin, its normalized events as JSON on stdout.</summary>
internal static class NormalizeCommand
{
    /// <summary>Larger than any provider delivers (GitHub and GitLab stop at 25 MB); protects the operator's terminal from a wrong pipe.</summary>
    private const int MaxPayloadBytes = 32 * 1024 * 1024;

    public static int Run(NormalizeOptions options, Stream stdin, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        byte[]? body = ReadAll(stdin);
        if (body is null)
        {
            stderr.WriteLine($"ihub: the payload is larger than {MaxPayloadBytes / (1024 * 1024)} MB");
            return ExitCodes.UnreadablePayload;
        }

        IEventNormalizer normalizer = ProviderCatalog.For(options.Provider).Normalizer;
        NormalizationResult result = normalizer.Normalize(options.EventName, body, time.GetUtcNow());
        switch (result.Status)
        {
            case NormalizationStatus.Invalid:
                stderr.WriteLine($"ihub: cannot read the payload: {result.Reason}");
                return ExitCodes.UnreadablePayload;
            case NormalizationStatus.Ignored:
                stderr.WriteLine($"ihub: ignored: {result.Reason}");
                break;
        }

        stdout.WriteLine(JsonSerializer.Serialize(result.Events, CliJson.Options));
        return ExitCodes.Ok;
    }

    private static byte[]? ReadAll(Stream stdin)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[81920];
        int read;
        while ((read = stdin.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxPayloadBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
