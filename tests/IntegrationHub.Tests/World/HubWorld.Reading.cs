using System.Globalization;

namespace IntegrationHub.Tests.World;

/// <summary>Reads of one value whatever its column type, for checks written as text or as a count.</summary>
public sealed partial class HubWorld
{
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

    /// <summary>Like <see cref="ScalarAsync{T}"/>, but no row or SQL NULL gives the default instead of failing the cast.</summary>
    public async Task<T?> ScalarOrDefaultAsync<T>(string sql, params object[] args)
    {
        await using var cmd = Command(sql, args);
        object? value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }
}
