using System.Globalization;
using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>Plain SQL against the world's database, for seeding and for reading the state a test checks (as text, a count or typed).</summary>
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

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, params object[] args)
    {
        await using var cmd = Command(sql, args);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>
    /// The first column of the row the query must return, as <typeparamref name="T"/> (timestamptz as DateTimeOffset,
    /// arrays as arrays); NULL is <c>default</c>. Unlike <see cref="ScalarAsync{T}"/>, no row fails the test.
    /// </summary>
    public async Task<T> ValueAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the query returned no row: " + sql);
        return reader.IsDBNull(0) ? default! : reader.GetFieldValue<T>(0);
    }

    /// <summary>The first column of the first row as invariant text: null without a row, "" for SQL NULL.</summary>
    public async Task<string?> TextAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        object? value = await cmd.ExecuteScalarAsync();
        return value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of the first row as a long, from any integer column (count, id, attempts).</summary>
    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
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
