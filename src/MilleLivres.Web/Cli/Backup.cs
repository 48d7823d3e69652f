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
