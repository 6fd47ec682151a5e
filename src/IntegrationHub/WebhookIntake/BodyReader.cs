using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.WebhookIntake;

/// <summary>
/// Reads a request body up to a limit in bounded chunks, counting as it reads. Memory follows the bytes that actually
/// arrived, never the declared Content-Length: a client that declares 25 MB and trickles a byte a second holds one 16 KB chunk.
/// A body over the limit, declared or actual (chunked), is never buffered whole.
/// </summary>
internal static class BodyReader
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> bytes (declared or actual).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength is long declared && declared > limit)
        {
            return null;
        }

        // Kestrel's own limit (30 MB by default) becomes ours, so the server itself also stops a chunked body at the limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit + 1L;
        }

        try
        {
            // Fixed-size chunks, copied once into an array of the exact size at the end: what is allocated is what arrived,
            // at most twice over, never a growing buffer's doubled slack (2.5 to 3.5 times the limit for a body at the limit).
            // A declared length up to one chunk gets a chunk of exactly that size, returned as it is once full: most
            // deliveries are a few KB, and they are then allocated once, not zeroed and copied. Chunks are not zeroed:
            // only the bytes read are ever exposed.
            long? declaredLength = request.ContentLength;
            var full = new List<byte[]>();
            byte[] chunk = GC.AllocateUninitializedArray<byte>(declaredLength is long d && d < ChunkBytes ? (int)d : ChunkBytes);
            int filled = 0;
            long total = 0;
            while (true)
            {
                if (filled == chunk.Length)
                {
                    if (total == declaredLength)
                    {
                        // Kestrel ends a body at its Content-Length: nothing more can come.
                        return full.Count == 0 ? chunk : Join(full, chunk, filled, total);
                    }

                    full.Add(chunk);
                    chunk = GC.AllocateUninitializedArray<byte>(ChunkBytes);
                    filled = 0;
                }

                int read = await request.Body.ReadAsync(chunk.AsMemory(filled), ct);
                if (read == 0)
                {
                    return Join(full, chunk, filled, total);
                }

                total += read;
                if (total > limit)
                {
                    return null;
                }

                filled += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static byte[] Join(List<byte[]> full, byte[] last, int lastFilled, long total)
    {
        byte[] body = new byte[total];
        int at = 0;
        foreach (byte[] chunk in full)
        {
            chunk.CopyTo(body, at);
            at += chunk.Length;
        }

        last.AsSpan(0, lastFilled).CopyTo(body.AsSpan(at));
        return body;
    }
}
