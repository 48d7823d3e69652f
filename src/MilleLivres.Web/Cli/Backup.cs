using MilleLivres.Core.Domain;
using MilleLivres.Core.Options;
using Microsoft.Data.Sqlite;

namespace MilleLivres.Web.Cli;

public static class Backup
{
    /// <summary>
    /// SQLite's online backup API: a consistent copy even while the app writes (it restarts the copy if a writer
    /// changes a page it already copied).
    /// </summary>
    public static async Task RunAsync(DatabaseOptions options, FileInfo target, CancellationToken ct)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new DomainException("La commande backup ne sait sauvegarder que SQLite ; pour PostgreSQL, utilisez pg_dump.");
        }
        var source = new SqliteConnectionStringBuilder(options.ResolvedConnectionString);
        if (!File.Exists(source.DataSource))
        {
            throw new DomainException($"Aucune base à sauvegarder : {source.DataSource} n'existe pas (lancez d'abord « migrate »).");
        }
        if (target.Exists)
        {
            throw new DomainException($"{target.FullName} existe déjà : choisissez un autre fichier, rien n'a été écrasé.");
        }
        if (target.Directory is { Exists: false })
        {
            throw new DomainException($"Le dossier {target.Directory.FullName} n'existe pas.");
        }
        await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source.DataSource, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await using var into = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.FullName, Pooling = false }.ToString());
        await from.OpenAsync(ct);
        await into.OpenAsync(ct);
        from.BackupDatabase(into);
        target.Refresh();
    }
}

public static class Restore
{
    /// <summary>
    /// Copies a backup into the configured database file, which must not exist: a restore goes into an empty data
    /// folder, never over a database (live or not). The file is checked to be a MilleLivres database first; the app
    /// applies any newer migrations when it starts.
    /// </summary>
    public static async Task RunAsync(DatabaseOptions options, FileInfo source, CancellationToken ct)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new DomainException("La commande restore ne sait restaurer que SQLite ; pour PostgreSQL, utilisez pg_restore.");
        }
        if (!source.Exists)
        {
            throw new DomainException($"La sauvegarde {source.FullName} n'existe pas.");
        }
        var target = new SqliteConnectionStringBuilder(options.ResolvedConnectionString).DataSource;
        if (File.Exists(target) || File.Exists(target + "-wal"))
        {
            throw new DomainException(
                $"Une base existe déjà ({target}) : la restauration se fait dans un dossier de données vide. Arrêtez l'application, déplacez le dossier, puis recommencez.");
        }
        await using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source.FullName, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await from.OpenAsync(ct);
        try
        {
            await using var check = from.CreateCommand();
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Waves', 'AspNetUsers')";
            if (Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) != 3)
            {
                throw new DomainException($"{source.FullName} n'est pas une sauvegarde de MilleLivres.");
            }
        }
        catch (SqliteException)
        {
            throw new DomainException($"{source.FullName} n'est pas une base SQLite lisible.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        await using (var into = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await into.OpenAsync(ct);
            from.BackupDatabase(into);
        }
    }
}
