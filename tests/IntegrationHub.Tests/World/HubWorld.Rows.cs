using Npgsql;

namespace IntegrationHub.Tests.World;

/// <summary>Typed reads of the world's database, for state a test checks as something other than text.</summary>
public sealed partial class HubWorld
{
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
}
