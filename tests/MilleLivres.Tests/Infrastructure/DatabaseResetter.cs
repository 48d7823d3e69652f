using MilleLivres.Core.Options;
using Microsoft.Data.Sqlite;

namespace MilleLivres.Tests.Infrastructure;

/// <summary>
/// Puts a running host's SQLite database back to the state it had when the reset point was taken, so the tests of a
/// class share one started host and still each begin on the same data (CleanArchitecture's DatabaseResetter resets a
/// real database between tests the same way; there with Respawn, here with SQLite's online backup).
/// </summary>
/// <remarks>
/// The reset point is the host's own database just after it started (demo data, migrations, its data-protection key):
/// restoring it keeps the host's key ring and every cookie it signs valid. The backup API copies page by page under
/// SQLite's locks into the live file, so the host's pooled connections see the restored data on their next read.
/// What the host keeps in memory (Hangfire's in-memory queue, caches) is not reset: a class whose tests depend on it
/// keeps a host per test.
/// </remarks>
public sealed class DatabaseResetter
{
    private readonly string _database;
    private readonly string _resetPoint;

    private DatabaseResetter(string database, string resetPoint)
    {
        _database = database;
        _resetPoint = resetPoint;
    }

    /// <summary>Takes the reset point of a started SQLite host whose database is in <paramref name="dataDirectory"/>.</summary>
    public static DatabaseResetter Take(string dataDirectory)
    {
        var database = Path.Combine(dataDirectory, DatabaseOptions.DefaultFileName);
        var resetPoint = Path.Combine(dataDirectory, "reset-point.db");
        Copy(database, resetPoint);
        return new DatabaseResetter(database, resetPoint);
    }

    /// <summary>Restores the reset point into the live database.</summary>
    public void Reset() => Copy(_resetPoint, _database);

    private static void Copy(string from, string to)
    {
        using var source = new SqliteConnection($"Data Source={from};Pooling=False");
        using var target = new SqliteConnection($"Data Source={to};Pooling=False");
        source.Open();
        target.Open();
        // The backup waits through SQLite's busy handler (a write of the host's background work still finishing);
        // Microsoft.Data.Sqlite's own timeout only retries commands.
        using (var wait = target.CreateCommand())
        {
            wait.CommandText = "PRAGMA busy_timeout = 120000";
            wait.ExecuteNonQuery();
        }
        source.BackupDatabase(target);
    }
}
