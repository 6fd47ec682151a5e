using System.Globalization;

namespace IntegrationHub.Poll;

/// <summary>
/// What a repository's change probe saw at its last full read, kept as its <c>probe</c> cursor (stored with the read's
/// events and cursors, in the same transaction, so it never claims a read that was not stored): the fingerprint, when
/// the read was, and until when every poll reads in full because the fingerprint had just moved.
/// </summary>
internal sealed record ProbeMark(string Fingerprint, DateTimeOffset FullReadAt, DateTimeOffset HotUntil)
{
    public static ProbeMark? Parse(string? text)
    {
        string[] parts = (text ?? string.Empty).Split('|');
        return parts.Length == 3 && parts[0].Length > 0
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long read)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out long hot)
            ? new ProbeMark(parts[0], DateTimeOffset.FromUnixTimeMilliseconds(read), DateTimeOffset.FromUnixTimeMilliseconds(hot))
            : null;
    }

    /// <summary>The mark after a full read that began with <paramref name="fingerprint"/>: hot for a while if it moved.</summary>
    public static ProbeMark After(ProbeMark? before, string fingerprint, DateTimeOffset now, TimeSpan hot) =>
        new(fingerprint, now, before is not null && before.Fingerprint != fingerprint ? now + hot : before?.HotUntil ?? now);

    public string Write() => string.Join('|', Fingerprint,
        FullReadAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), HotUntil.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
}
