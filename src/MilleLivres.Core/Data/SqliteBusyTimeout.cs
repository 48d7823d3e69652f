using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MilleLivres.Core.Data;

/// <summary>
/// Gives each SQLite connection SQLite's own busy handler (<c>sqlite3_busy_timeout</c>), as long as the connection's
/// <c>Default Timeout</c>: a writer that finds the database locked by another (two job workers, a page and a job)
/// waits in SQLite by steps of 1 to 100 ms and goes on as soon as the lock is released. Without it,
/// Microsoft.Data.Sqlite retries a locked statement after a fixed 150 ms sleep: a packing-slip job of about 130 ms
/// lost 150 ms each time the other worker was committing (dotnet-trace: 4.4 s of such sleeps in 10 s of a wave's
/// 80 jobs, ADR 0527 point 10). Same deadline as before, so nothing fails sooner or later than it did.
/// Set on the native handle (no statement), each time a connection is opened: pooled handles keep it anyway.
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    public static readonly SqliteBusyTimeout Instance = new();

    private SqliteBusyTimeout()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
        {
            var rc = SQLitePCL.raw.sqlite3_busy_timeout(handle, checked(sqlite.DefaultTimeout * 1000));
            SqliteException.ThrowExceptionForRC(rc, handle);
        }
    }
}
