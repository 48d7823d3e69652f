using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using MilleLivres.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Work;

/// <summary>ADR 0527 point 10: the app's SQLite connections wait for a lock in SQLite's busy handler.</summary>
public sealed class SqliteBusyTimeoutTests : IAsyncLifetime
{
    private AppFactory _factory = null!;

    public async Task InitializeAsync() => _factory = await new AppFactory().SeededAsync();

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_apps_connections_wait_for_a_lock_in_sqlite_as_long_as_their_default_timeout()
    {
        var (busyTimeout, defaultTimeout) = await _factory.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout";
            return (Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture), connection.DefaultTimeout);
        });

        Assert.Equal(30, defaultTimeout);
        Assert.Equal(defaultTimeout * 1000, busyTimeout);
    }

    [Fact]
    public async Task A_write_waiting_for_another_connections_transaction_goes_through_once_it_commits()
    {
        var file = Path.Combine(_factory.DataDirectory, DatabaseOptions.DefaultFileName);
        await using var holder = new SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; UPDATE Towns SET Name = Name || ' (verrou)' WHERE Id = (SELECT MIN(Id) FROM Towns);";
            await begin.ExecuteNonQueryAsync();
        }

        // On a thread of its own: Microsoft.Data.Sqlite's "async" calls block their thread while SQLite waits.
        var write = Task.Run(() => _factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE Towns SET Name = Name || ' (après)' WHERE Id = (SELECT MIN(Id) FROM Towns)")));
        // The app's write cannot finish while the other connection holds the write lock.
        await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(write.IsCompleted, "the write should wait for the lock");

        await using (var commit = holder.CreateCommand())
        {
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await write.WaitAsync(TimeSpan.FromSeconds(30)));
        var name = await _factory.WithDbAsync(db => db.Towns.AsNoTracking().OrderBy(t => t.Id).Select(t => t.Name).FirstAsync());
        Assert.EndsWith(" (verrou) (après)", name);
    }
}
