using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Npgsql;

namespace IntegrationHub.Secrets;

/// <summary>
/// <c>--reprotect-secrets</c>: after a protector is added or rotated, seals every key of the ring with the current
/// protector, revokes the keys that were stored unsealed or under another protector (a leaked copy of them must open
/// nothing new), and re-encrypts every stored secret under a fresh key that has only ever been stored sealed. All in one
/// transaction, so a failure changes nothing; a second run finds every key sealed and does nothing.
/// </summary>
internal sealed class KeyRingReprotector(
    NpgsqlDataSource db, KeyRingProtection protection, IOptions<KeyManagementOptions> keyManagement, IServiceProvider services, TimeProvider clock)
{
    public async Task<ReprotectReport> RunAsync(CancellationToken ct)
    {
        if (!protection.IsSet || keyManagement.Value.XmlEncryptor is not { } encryptor)
        {
            throw new KeyRingException(protection.Problem ?? KeyRingStartup.NoProtector);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Nodes still running cannot add a key meanwhile; they can still read the ring.
        await using (var lockKeys = new NpgsqlCommand("LOCK TABLE data_protection_keys IN EXCLUSIVE MODE", conn, tx))
        {
            await lockKeys.ExecuteNonQueryAsync(ct);
        }

        var keys = (await ReadKeysAsync(conn, tx, ct)).Where(k => KeyRingXml.IsKey(k.Xml)).ToList();
        var stale = keys.Where(k => KeyRingXml.HasPlaintextSecret(k.Xml) || KeyRingXml.SealedParts(k.Xml).Any(p => !protection.SealedNow(p))).ToList();
        var resealedFrom = stale.GroupBy(k => SealOf(k.Xml)).ToDictionary(g => g.Key, g => g.Count());
        if (stale.Count == 0)
        {
            await tx.CommitAsync(ct);
            return new ReprotectReport(protection.Describe(), keys.Count, resealedFrom, null, []);
        }

        var opened = keys.ToDictionary(k => k.Id, k => Open(k.Xml));
        var now = clock.GetUtcNow();
        using var reader = new ScratchKeyRing(opened.Values, encryptor: null);
        using var writer = new ScratchKeyRing([], encryptor);
        var fresh = writer.CreateKey(now, keyManagement.Value.NewKeyLifetime);
        var secrets = new List<(string Column, int Count)>();
        foreach (var table in ProtectedColumns.All)
        {
            secrets.AddRange(await SecretReencryption.RunAsync(conn, tx, table.Table, table.Columns, reader.For(table.Purpose), writer.For(table.Purpose), ct));
        }

        foreach (var key in stale)
        {
            var id = KeyRingXml.KeyId(key.Xml);
            await ExecAsync(conn, tx, "UPDATE data_protection_keys SET xml = $2 WHERE id = $1", ct, key.Id, KeyRingXml.Seal(opened[key.Id], encryptor));
            await ExecAsync(conn, tx, "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)", ct, $"revocation-{id:D}",
                KeyRingXml.Revocation(id, now, $"re-protected by --reprotect-secrets: stored under {SealOf(key.Xml)} before"));
        }

        foreach (var (element, friendlyName) in writer.Keys.Stored)
        {
            await ExecAsync(conn, tx, "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)", ct, friendlyName, element);
        }

        await tx.CommitAsync(ct);
        return new ReprotectReport(protection.Describe(), keys.Count - stale.Count, resealedFrom, fresh.KeyId, secrets);
    }

    private XElement Open(XElement key)
    {
        try
        {
            return KeyRingXml.Open(key, services);
        }
        catch (Exception e) when (e is CryptographicException or TypeLoadException or InvalidOperationException)
        {
            throw new KeyRingException($"key {KeyRingXml.KeyId(key)} of the key ring, sealed with {SealOf(key)}, cannot be opened "
                + $"({e.Message.ReplaceLineEndings(" ")}). Give that protector as {KeyRingSettings.Env(KeyRingSettings.PreviousKey)} "
                + $"(or {KeyRingSettings.Env(KeyRingSettings.PreviousKeyFile)}, {KeyRingSettings.Env(KeyRingSettings.PreviousCertificate)}). Nothing was changed.");
        }
    }

    private static string SealOf(XElement key) => KeyRingXml.SealedParts(key).FirstOrDefault() is { } part
        ? KeyRingProtection.SealOf(part)
        : "no protector (unencrypted)";

    private static async Task<List<(int Id, XElement Xml)>> ReadKeysAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var rows = new List<(int, XElement)>();
        await using var cmd = new NpgsqlCommand("SELECT id, xml FROM data_protection_keys ORDER BY id", conn, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add((reader.GetInt32(0), XElement.Parse(reader.GetString(1))));
        }

        return rows;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, object first, XElement xml)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = first });
        cmd.Parameters.Add(new NpgsqlParameter { Value = xml.ToString(SaveOptions.DisableFormatting) });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
