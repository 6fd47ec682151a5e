using System.Globalization;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>Plain SQL against the world's database, for seeding and for reading the state a test checks.</summary>
public sealed partial class HubWorld
{
    public async Task ExecAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The first column of every row, as invariant text.</summary>
    public async Task<List<string>> QueryAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    private NpgsqlCommand Command(string sql, object[] args)
    {
        var cmd = Db.CreateCommand(sql);
        foreach (object arg in args)
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = arg });
        }

        return cmd;
    }
}
