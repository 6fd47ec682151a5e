using System.Buffers.Binary;
using System.Buffers.Text;
using Npgsql;

namespace IntegrationHub.Events;

/// <summary>
/// A position in a tenant's event feed: the inserting transaction's id (xid8) and the event's id. Events are read in
/// this order, after the cursor; see <see cref="EventFeed"/> for why this order never misses nor repeats an event.
/// Consumers see it only as an opaque, URL-safe string (<see cref="Encode"/>); the version prefix lets the format
/// change later while old cursors stay readable.
/// </summary>
public readonly record struct EventCursor(ulong Tx, long Id) : IComparable<EventCursor>
{
    private const string Prefix = "v1.";
    private const int PayloadBytes = 16;

    /// <summary>Before every event: an absent cursor reads a tenant's events from the first one.</summary>
    public static readonly EventCursor Start = new(0, 0);

    public bool IsStart => this == Start;

    /// <summary>"v1." and the 16 bytes of (tx, id), big-endian, in base64url.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[PayloadBytes];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, Tx);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        return Prefix + Base64Url.EncodeToString(bytes);
    }

    public override string ToString() => Encode();

    /// <summary>
    /// Reads a cursor a client sent back. Null or empty is <see cref="Start"/>; anything else must be exactly what
    /// <see cref="Encode"/> produced, or <paramref name="error"/> says why it is refused.
    /// </summary>
    public static bool TryParse(string? text, out EventCursor cursor, out string? error)
    {
        cursor = Start;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        Span<byte> bytes = stackalloc byte[PayloadBytes];
        // IsValid first: the decoder throws on characters outside the alphabet, its "Try" covers the buffer size only.
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)
            || !Base64Url.IsValid(text.AsSpan(Prefix.Length), out int length) || length != PayloadBytes
            || !Base64Url.TryDecodeFromChars(text.AsSpan(Prefix.Length), bytes, out int written) || written != PayloadBytes)
        {
            error = "The cursor is not one this API gave out. Pass the \"next\" value of a previous page unchanged, or leave it out to start from the first event.";
            return false;
        }

        long id = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]);
        if (id < 0)
        {
            error = "The cursor is damaged. Pass the \"next\" value of a previous page unchanged, or leave it out to start from the first event.";
            return false;
        }

        cursor = new EventCursor(BinaryPrimitives.ReadUInt64BigEndian(bytes), id);
        return true;
    }

    /// <summary>
    /// The tail of the feed, for a consumer that wants only what comes from now on (a new subscription): every event
    /// not yet readable lies after it. An event committed a moment before may still come after it too, never the
    /// reverse, so nothing that happens after this call is skipped.
    /// </summary>
    public static async Task<EventCursor> NowAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT pg_snapshot_xmin(pg_current_snapshot())", conn);
        var horizon = (ulong)(await cmd.ExecuteScalarAsync(ct))!;
        // Readable events have tx < horizon; (horizon, 0) sorts after all of them and before every later one.
        return new EventCursor(horizon, 0);
    }

    public int CompareTo(EventCursor other) => Tx != other.Tx ? Tx.CompareTo(other.Tx) : Id.CompareTo(other.Id);
}
