using System.Net.Sockets;
using System.Text;

namespace IntegrationHub.Tests.Ingest;

/// <summary>
/// A chunked upload over a raw socket that never ends on its own: it keeps sending 4 KB chunks until the server answers
/// (or closes), and reports the status line and how much it had sent. HttpClient cannot show this: it reports the server's
/// early answer as a broken pipe while it is still sending.
/// </summary>
internal static class RawChunkedUpload
{
    public static async Task<(string StatusLine, long Sent)> SendAsync(Uri server, string path, IEnumerable<KeyValuePair<string, string>> headers, long cap,
        CancellationToken ct = default)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, ct);
        var stream = tcp.GetStream();
        var head = new StringBuilder($"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), ct);
        var answer = ReadStatusLineAsync(stream, ct);
        byte[] chunk = [.. "1000\r\n"u8, .. Enumerable.Repeat((byte)' ', 4096), .. "\r\n"u8];
        long sent = 0;
        try
        {
            for (int i = 0; !answer.IsCompleted && sent < cap; i++)
            {
                await stream.WriteAsync(chunk, ct);
                sent += 4096;
                if (i % 16 == 0)
                {
                    await Task.Delay(1, ct);
                }
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering.
        }

        return (await answer, sent);
    }

    private static async Task<string> ReadStatusLineAsync(NetworkStream stream, CancellationToken ct)
    {
        var line = new StringBuilder();
        byte[] one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1 && one[0] != (byte)'\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
