using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Options;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The "Database" section of appsettings.json.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DefaultFileName = "millelivres.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file and other data; relative paths are resolved from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// SQLite: optional; when empty, <see cref="DataDirectory"/>/millelivres.db. PostgreSQL: required (an Npgsql
    /// connection string).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long start-up waits, retrying, when another process holds the database locked (a backup, a second
    /// instance migrating), before giving up with a clear message.
    /// </summary>
    public int StartupWaitSeconds { get; set; } = 120;

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);

    public string ResolvedConnectionString => string.IsNullOrWhiteSpace(ConnectionString)
        ? $"Data Source={Path.Combine(ResolvedDataDirectory, DefaultFileName)};Foreign Keys=True;Default Timeout=30"
        : ConnectionString;
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Provider))
        {
            failures.Add("Database:Provider doit valoir « Sqlite » ou « PostgreSql ».");
        }
        else if (options.Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                failures.Add("Database:ConnectionString est obligatoire avec Database:Provider « PostgreSql » " +
                    "(par exemple « Host=db.example;Database=millelivres;Username=millelivres;Password=… »).");
            }
            else
            {
                try
                {
                    Data.DatabaseProviders.EnsureInitialized();
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
                }
                catch (ArgumentException e)
                {
                    failures.Add($"Database:ConnectionString n'est pas une chaîne de connexion PostgreSQL valide : {e.Message}");
                }
            }
        }
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Database:DataDirectory est obligatoire (dossier des données, par exemple « data »).");
        }
        else
        {
            try
            {
                Directory.CreateDirectory(options.ResolvedDataDirectory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failures.Add($"Database:DataDirectory « {options.DataDirectory} » ne peut pas être créé : {e.Message}");
            }
        }
        if (options.StartupWaitSeconds is < 0 or > 3600)
        {
            failures.Add("Database:StartupWaitSeconds doit être entre 0 et 3600 secondes.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
