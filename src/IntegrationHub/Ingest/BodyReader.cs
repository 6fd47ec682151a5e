using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IntegrationHub.Ingest;

/// <summary>
/// Reads a request body up to a limit in bounded chunks, counting as it reads. Memory follows the bytes that actually
/// arrived, never the declared Content-Length: a client that declares 25 MB and trickles a byte a second holds a few KB.
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
            var buffer = new ArrayBufferWriter<byte>(ChunkBytes);
            while (true)
            {
                int read = await request.Body.ReadAsync(buffer.GetMemory(ChunkBytes)[..ChunkBytes], ct);
                if (read == 0)
                {
                    return buffer.WrittenSpan.ToArray();
                }

                if (buffer.WrittenCount + read > limit)
                {
                    return null;
                }

                buffer.Advance(read);
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }
}
