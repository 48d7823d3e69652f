using System.Diagnostics;
using MilleLivres.Core.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MilleLivres.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of the tests on the second provider (ADR 0900). scripts/test.sh starts a temporary cluster and
/// passes it in <see cref="EnvironmentVariable"/>; without it (`dotnet test` alone) the first test that needs one
/// starts its own with scripts/pg-cluster.sh, stopped and removed when the test process exits. Each test host gets its
/// own database, copied from a template migrated once per process.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "MILLELIVRES_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    static PostgresServer()
    {
        // Npgsql reads its process-wide switches at first use: set them before this class touches Npgsql.
        DatabaseProviders.EnsureInitialized();
    }
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A new, migrated, empty database; its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var template = await Template.Value;
        var name = "ml_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        return With(await Server.Value, name);
    }

    /// <summary>A new database with nothing in it (not even the migrations).</summary>
    public static async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = "ml_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        return With(await Server.Value, name);
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static string With(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(With(await Server.Value, "postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateTemplateAsync()
    {
        var name = "ml_template_" + Guid.NewGuid().ToString("N");
        await ExecuteAsync($"CREATE DATABASE \"{name}\"");
        var connectionString = With(await Server.Value, name);
        var options = DatabaseProviders.Configure(new DbContextOptionsBuilder<AppDbContext>(), Core.Options.DatabaseProvider.PostgreSql, connectionString);
        await using (var db = new AppDbContext((DbContextOptions<AppDbContext>)options.Options))
        {
            await db.Database.MigrateAsync();
        }
        // CREATE DATABASE … TEMPLATE needs the template without connections.
        NpgsqlConnection.ClearAllPools();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            }
            catch (NpgsqlException)
            {
                // The server may be stopping already.
            }
        };
        return name;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }
        var script = Path.Combine(RepositoryRoot(), "scripts", "pg-cluster.sh");
        var folder = Path.Combine(Path.GetTempPath(), "millelivres-pg-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = await RunAsync("bash", script, "start", folder);
        if (code != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL could not be started for the tests ({script} start exited {code}): {error}\n" +
                $"Install it (apt-get install postgresql) or start one and set {EnvironmentVariable} to its connection string; " +
                "scripts/test.sh does both.");
        }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAsync("bash", script, "stop", folder).GetAwaiter().GetResult();
        return output.Trim().Split('\n')[^1].Trim();
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MilleLivres.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (MilleLivres.sln) was not found above " + AppContext.BaseDirectory);
    }
}
