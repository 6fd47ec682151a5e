using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using NpgsqlTypes;

namespace IntegrationHub.Secrets;

/// <summary>Re-encrypts every stored secret in one table, inside the caller's transaction, and counts them per column.</summary>
internal static class SecretReencryption
{
    public static async Task<IReadOnlyList<(string Column, int Count)>> RunAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, string table, string[] columns, IDataProtector reader, IDataProtector writer, CancellationToken ct)
    {
        var ids = new List<Guid>();
        var values = columns.Select(_ => new List<string?>()).ToArray();
        var counts = new int[columns.Length];
        string select = $"SELECT id, {string.Join(", ", columns)} FROM {table} WHERE {string.Join(" OR ", columns.Select(c => c + " IS NOT NULL"))} FOR UPDATE";
        await using (var cmd = new NpgsqlCommand(select, conn, tx))
        await using (var rows = await cmd.ExecuteReaderAsync(ct))
        {
            while (await rows.ReadAsync(ct))
            {
                var id = rows.GetGuid(0);
                ids.Add(id);
                for (int i = 0; i < columns.Length; i++)
                {
                    string? stored = rows.IsDBNull(i + 1) ? null : rows.GetString(i + 1);
                    values[i].Add(stored is null ? null : Reencrypt(stored, reader, writer, $"{table}.{columns[i]} of row {id}"));
                    counts[i] += stored is null ? 0 : 1;
                }
            }
        }

        if (ids.Count > 0)
        {
            // One statement per table: the rows and their new ciphertexts travel as arrays.
            string sets = string.Join(", ", columns.Select(c => $"{c} = v.{c}"));
            string arrays = string.Join(", ", columns.Select((_, i) => $"${i + 2}::text[]"));
            await using var update = new NpgsqlCommand(
                $"UPDATE {table} AS t SET {sets} FROM unnest($1::uuid[], {arrays}) AS v(id, {string.Join(", ", columns)}) WHERE t.id = v.id", conn, tx);
            update.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
            foreach (var column in values)
            {
                update.Parameters.Add(new NpgsqlParameter { Value = column.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            }

            await update.ExecuteNonQueryAsync(ct);
        }

        return [.. columns.Select((c, i) => ($"{table}.{c}", counts[i]))];
    }

    private static string Reencrypt(string stored, IDataProtector reader, IDataProtector writer, string where)
    {
        try
        {
            return writer.Protect(reader.Unprotect(stored));
        }
        catch (CryptographicException e)
        {
            // Says which row, never the value; the transaction is rolled back, so nothing changed.
            throw new KeyRingException($"{where} cannot be decrypted with the key ring ({e.Message.ReplaceLineEndings(" ")}). Nothing was changed.");
        }
    }
}
