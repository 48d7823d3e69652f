using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace MilleLivres.Core.Stock;

public sealed record ImportLine(
    int Line, string Isbn, string Name, string Authors, string Publisher, int AgeBandId, Genre Genre, string Language,
    int Quantity, int? ExistingTitleId, bool CreatesTitle);

public sealed record ImportError(int Line, string Reason);

public sealed record PreviousImport(int Id, DateTime AtUtc, string ActorName, string FileName, long Copies);

public sealed record ImportPreview(
    string FileHash, string FileName, string Publisher, DateOnly ReceivedOn,
    IReadOnlyList<ImportLine> Lines, IReadOnlyList<ImportError> Errors, PreviousImport? Duplicate)
{
    public int TitlesCreated => Lines.Count(l => l.CreatesTitle);
    public int TitlesAddedTo => Lines.Where(l => !l.CreatesTitle).Select(l => l.Isbn).Distinct().Count();
    public long Copies => Lines.Sum(l => (long)l.Quantity);
    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// The report the page and the command line both show. The page lists invalid lines in a table of its own, so it
    /// asks for the report without them (each error once).
    /// </summary>
    public IEnumerable<string> Report(bool withErrorLines = true)
    {
        yield return $"Fichier « {FileName} » — don de {Publisher} du {ReceivedOn:dd/MM/yyyy}.";
        if (Duplicate is not null)
        {
            yield return $"Attention : ce fichier a déjà été importé le {Duplicate.AtUtc:dd/MM/yyyy à HH:mm} (UTC) par {Duplicate.ActorName} ({Duplicate.Copies} exemplaires).";
        }
        yield return $"{Lines.Count} ligne(s) valide(s) : {TitlesCreated} titre(s) à créer, {TitlesAddedTo} titre(s) existant(s) complété(s), {Copies} exemplaire(s) au total.";
        if (Errors.Count == 0)
        {
            yield return "Aucune ligne invalide.";
        }
        else
        {
            yield return withErrorLines ? $"{Errors.Count} ligne(s) invalide(s) :" : $"{Errors.Count} ligne(s) invalide(s), détaillée(s) ci-dessous.";
            foreach (var e in withErrorLines ? Errors : Array.Empty<ImportError>())
            {
                yield return e.Line > 0 ? $"  ligne {e.Line} : {e.Reason}" : $"  {e.Reason}";
            }
        }
    }
}

public sealed record ImportResult(int ImportId, int TitlesCreated, int TitlesAddedTo, long Copies);

/// <summary>
/// Publishers' CSV files, in two steps: <see cref="PreviewAsync"/> reads and checks everything and writes nothing;
/// <see cref="CommitAsync"/> checks again and writes every line in one transaction, or nothing.
/// </summary>
public sealed class StockImporter(AppDbContext db, IOptions<StockOptions> options, TimeProvider clock)
{
    private enum Column { Isbn, Name, Authors, Publisher, MinAge, MaxAge, Band, Genre, Quantity, Language }

    private static readonly Dictionary<string, Column> Headers = new()
    {
        ["isbn"] = Column.Isbn, ["isbn13"] = Column.Isbn, ["isbn10"] = Column.Isbn, ["ean"] = Column.Isbn, ["ean13"] = Column.Isbn,
        ["titre"] = Column.Name, ["title"] = Column.Name, ["intitule"] = Column.Name,
        ["auteur"] = Column.Authors, ["auteurs"] = Column.Authors, ["auteurtrice"] = Column.Authors, ["auteurtrices"] = Column.Authors,
        ["author"] = Column.Authors, ["authors"] = Column.Authors,
        ["editeur"] = Column.Publisher, ["editeurs"] = Column.Publisher, ["publisher"] = Column.Publisher, ["maisondedition"] = Column.Publisher,
        ["agemin"] = Column.MinAge, ["ageminimum"] = Column.MinAge, ["minage"] = Column.MinAge, ["minimumage"] = Column.MinAge, ["agemini"] = Column.MinAge,
        ["agemax"] = Column.MaxAge, ["agemaximum"] = Column.MaxAge, ["maxage"] = Column.MaxAge, ["maximumage"] = Column.MaxAge, ["agemaxi"] = Column.MaxAge,
        ["tranche"] = Column.Band, ["tranchedage"] = Column.Band, ["trancheage"] = Column.Band, ["age"] = Column.Band, ["ages"] = Column.Band,
        ["band"] = Column.Band, ["ageband"] = Column.Band, ["agerange"] = Column.Band,
        ["genre"] = Column.Genre, ["type"] = Column.Genre,
        ["quantite"] = Column.Quantity, ["quantites"] = Column.Quantity, ["quantity"] = Column.Quantity, ["qte"] = Column.Quantity,
        ["qty"] = Column.Quantity, ["nombre"] = Column.Quantity, ["exemplaires"] = Column.Quantity, ["nbexemplaires"] = Column.Quantity,
        ["langue"] = Column.Language, ["language"] = Column.Language,
    };

    public long MaxBytes => options.Value.MaxImportBytes;

    public static string HashOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public async Task<ImportPreview> PreviewAsync(byte[] content, string fileName, string publisher, DateOnly receivedOn, CancellationToken ct = default)
    {
        fileName = Path.GetFileName((fileName ?? string.Empty).Trim());
        publisher = TextInput.Clean(publisher).Trim();
        if (publisher.Length == 0)
        {
            throw new DomainException("Indiquez l'éditeur donateur.", "Publisher");
        }
        if (publisher.Length > Title.PublisherMaxLength)
        {
            throw new DomainException($"Le nom de l'éditeur ne peut dépasser {Title.PublisherMaxLength} caractères.", "Publisher");
        }
        PlausibleDates.Ensure(receivedOn, clock, "ReceivedOn", "La date de réception");
        if (content.LongLength > MaxBytes)
        {
            throw new DomainException(
                $"Le fichier fait {content.LongLength / 1024.0 / 1024.0:0.0} Mo : la limite est de {MaxBytes / 1024.0 / 1024.0:0.#} Mo. Découpez-le en plusieurs fichiers.", "File");
        }
        if (content.Length == 0)
        {
            throw new DomainException("Le fichier est vide.", "File");
        }
        var hash = HashOf(content);
        var duplicate = await db.StockImports.AsNoTracking().Where(i => i.FileHash == hash).OrderByDescending(i => i.Id)
            .Select(i => new PreviousImport(i.Id, i.AtUtc, i.ActorName, i.FileName, i.Copies)).FirstOrDefaultAsync(ct);

        var text = CsvText.Decode(content);
        var separator = CsvText.DetectSeparator(text);
        var lines = new List<ImportLine>();
        var errors = new List<ImportError>();
        using var records = CsvText.Records(text, separator).GetEnumerator();
        if (!records.MoveNext())
        {
            throw new DomainException("Le fichier ne contient aucune ligne.", "File");
        }
        var (headerLine, header) = records.Current;
        var map = new Dictionary<Column, int>();
        var unknown = new List<string>();
        for (var i = 0; i < header.Length; i++)
        {
            if (Headers.TryGetValue(TextKey.Compact(header[i]), out var column))
            {
                map.TryAdd(column, i);
            }
            else if (header[i].Trim().Length > 0)
            {
                unknown.Add(header[i].Trim());
            }
        }
        var missing = new List<string>();
        if (!map.ContainsKey(Column.Isbn)) { missing.Add("ISBN"); }
        if (!map.ContainsKey(Column.Quantity)) { missing.Add("quantité"); }
        if (missing.Count > 0)
        {
            errors.Add(new ImportError(headerLine,
                $"En-tête : colonne(s) {string.Join(" et ", missing)} introuvable(s). Colonnes attendues : ISBN, titre, auteur(s), éditeur, âge min, âge max (ou tranche), genre, quantité."
                + (unknown.Count > 0 ? $" Colonnes non reconnues : {string.Join(", ", unknown)}." : "")));
            return new ImportPreview(hash, fileName, publisher, receivedOn, lines, errors, duplicate);
        }

        var bands = AgeBandResolver.For(await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync(ct));
        var existing = await db.Titles.AsNoTracking().Select(t => new { t.Isbn, t.Id, t.OnHand, t.Name }).ToDictionaryAsync(t => t.Isbn, ct);
        var createdInFile = new HashSet<string>();
        // Copies each ISBN would hold after the file: a title holds at most StockLedger.MaxOnHand.
        var onHandAfter = new Dictionary<string, long>();
        string Get(string[] fields, Column c) => map.TryGetValue(c, out var i) && i < fields.Length ? TextInput.Clean(fields[i]).Trim() : string.Empty;

        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (!Isbn.TryParse(Get(fields, Column.Isbn), out var isbn, out var isbnError))
            {
                errors.Add(new ImportError(line, isbnError!));
                continue;
            }
            var quantityText = Get(fields, Column.Quantity);
            if (!int.TryParse(quantityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
            {
                errors.Add(new ImportError(line, quantityText.Length == 0
                    ? "Quantité manquante : un nombre entier positif est attendu."
                    : $"Quantité « {quantityText} » invalide : un nombre entier positif est attendu."));
                continue;
            }
            if (quantity > StockLedger.MaxQuantity)
            {
                errors.Add(new ImportError(line, $"Quantité {quantity} trop grande (au plus {StockLedger.MaxQuantity:N0})."));
                continue;
            }
            var before = onHandAfter.TryGetValue(isbn, out var sofar) ? sofar : existing.TryGetValue(isbn, out var known) ? known.OnHand : 0;
            if (before + quantity > StockLedger.MaxOnHand)
            {
                var titleName = existing.TryGetValue(isbn, out var k) ? k.Name : Get(fields, Column.Name) is { Length: > 0 } n ? n : isbn;
                errors.Add(new ImportError(line, StockLedger.TooManyOnHand(titleName, before, quantity)));
                continue;
            }
            if (existing.TryGetValue(isbn, out var title))
            {
                onHandAfter[isbn] = before + quantity;
                lines.Add(new ImportLine(line, isbn, Get(fields, Column.Name), "", "", 0, Genre.Autre, "", quantity, title.Id, false));
                continue;
            }
            if (createdInFile.Contains(isbn))
            {
                onHandAfter[isbn] = before + quantity;
                lines.Add(new ImportLine(line, isbn, Get(fields, Column.Name), "", "", 0, Genre.Autre, "", quantity, null, false));
                continue;
            }
            // A new title: everything it needs must be on the line.
            var name = Get(fields, Column.Name);
            if (name.Length == 0)
            {
                errors.Add(new ImportError(line, Title.UnknownIsbnNeedsName(isbn)));
                continue;
            }
            if (!bands.TryResolve(Get(fields, Column.MinAge), Get(fields, Column.MaxAge), Get(fields, Column.Band), out var bandId, out var bandError))
            {
                errors.Add(new ImportError(line, bandError!));
                continue;
            }
            var genreText = Get(fields, Column.Genre);
            if (!GenreText.TryParse(genreText, out var genre))
            {
                errors.Add(new ImportError(line, $"Genre « {genreText} » inconnu : {GenreText.AllFrench}."));
                continue;
            }
            var titlePublisher = Get(fields, Column.Publisher);
            if (titlePublisher.Length == 0)
            {
                titlePublisher = publisher;
            }
            var language = Get(fields, Column.Language);
            var invalid = Title.Validate(name, Get(fields, Column.Authors), titlePublisher, bandId, genre, language);
            if (invalid is not null)
            {
                errors.Add(new ImportError(line, invalid.Value.Message));
                continue;
            }
            createdInFile.Add(isbn);
            onHandAfter[isbn] = quantity;
            lines.Add(new ImportLine(line, isbn, name, Get(fields, Column.Authors), titlePublisher, bandId, genre,
                language.Length == 0 ? Title.DefaultLanguage : language, quantity, null, true));
        }
        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(0, "Le fichier ne contient aucune ligne de livres sous l'en-tête."));
        }
        return new ImportPreview(hash, fileName, publisher, receivedOn, lines, errors, duplicate);
    }

    /// <summary>
    /// Writes the import: one <see cref="StockImport"/> row (audited), the new titles and one donation movement per
    /// line, all in one transaction. Refused when a line is invalid, or when the same file was already imported and
    /// <paramref name="confirmDuplicate"/> is false.
    /// </summary>
    public async Task<(ImportPreview Preview, ImportResult Result)> CommitAsync(
        byte[] content, string fileName, string publisher, DateOnly receivedOn, bool confirmDuplicate, CancellationToken ct = default)
    {
        var preview = await PreviewAsync(content, fileName, publisher, receivedOn, ct);
        if (!preview.IsValid)
        {
            throw new DomainException($"Le fichier contient {preview.Errors.Count} ligne(s) invalide(s) : rien n'a été importé. Corrigez-les puis recommencez.", "File");
        }
        if (preview.Duplicate is not null && !confirmDuplicate)
        {
            throw new DomainException(
                $"Ce fichier a déjà été importé le {preview.Duplicate.AtUtc:dd/MM/yyyy} par {preview.Duplicate.ActorName} : rien n'a été importé. Confirmez pour l'importer une seconde fois.", "ConfirmDuplicate");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        var result = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var record = new StockImport
            {
                FileHash = preview.FileHash,
                FileName = preview.FileName.Length > 260 ? preview.FileName[..260] : preview.FileName,
                Publisher = preview.Publisher,
                ReceivedOn = receivedOn,
                AtUtc = now,
                ActorId = db.Actor.UserId,
                ActorName = db.Actor.Name,
                Lines = preview.Lines.Count,
                TitlesCreated = preview.TitlesCreated,
                Copies = preview.Copies,
            };
            db.StockImports.Add(record);
            await db.SaveChangesAsync(ct);
            await WriteLinesAsync(transaction, record, preview, now, ct);
            await transaction.CommitAsync(ct);
            return new ImportResult(record.Id, preview.TitlesCreated, preview.TitlesAddedTo, preview.Copies);
        });
        return (preview, result);
    }

    // Measured on SQLite (docs/benchmarks.md): titles go fastest one row per prepared statement (multi-row VALUES
    // was 2.5 times slower on this table with its computed column and five indexes); movements, narrow rows
    // with constant columns shared, go faster twenty at a time. Microsoft.Data.Sqlite finds each parameter by
    // name in the statement (a linear scan), so batches stay small.
    private const int TitleBatchRows = 1;
    private const int MovementBatchRows = 20;

    /// <summary>
    /// Prepared multi-row INSERTs on the context's connection and transaction: 100,000 lines through EF change
    /// tracking, or one statement per row, take several times longer (docs/benchmarks.md). The SQL keeps the
    /// ledger's rule: a title's counters move with their movement rows, in the same transaction.
    /// </summary>
    private async Task WriteLinesAsync(IDbContextTransaction transaction, StockImport record, ImportPreview preview, DateTime now, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();
        var reason = $"Don de {preview.Publisher} reçu le {preview.ReceivedOn:dd/MM/yyyy} (import « {preview.FileName} »)";
        if (reason.Length > StockMovement.ReasonMaxLength)
        {
            reason = reason[..StockMovement.ReasonMaxLength];
        }

        if (connection is Npgsql.NpgsqlConnection pg)
        {
            await WriteLinesWithCopyAsync(pg, record, preview, now, reason, ct);
            return;
        }

        // 1. New titles, their first copies included; ids come back by ISBN.
        var newLines = preview.Lines.Where(l => l.CreatesTitle).ToList();
        var ids = new Dictionary<string, int>(newLines.Count);
        long before;
        await using (var max = connection.CreateCommand())
        {
            max.Transaction = tx;
            max.CommandText = "SELECT COALESCE(MAX(\"Id\"), 0) FROM \"Titles\"";
            before = Convert.ToInt64(await max.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        string[] titleColumns = ["Isbn", "Name", "Authors", "Publisher", "AgeBandId", "Genre", "Language", "OnHand", "SearchText", "SortKey"];
        (string, object?)[] titleShared = [("Reserved", 0)];
        await using (var full = await BatchInsert.CreateAsync(connection, tx, "Titles", titleColumns, titleShared, TitleBatchRows, ct))
        {
            for (var start = 0; start < newLines.Count; start += TitleBatchRows)
            {
                var count = Math.Min(TitleBatchRows, newLines.Count - start);
                var insert = count == TitleBatchRows ? full : await BatchInsert.CreateAsync(connection, tx, "Titles", titleColumns, titleShared, count, ct);
                for (var i = 0; i < count; i++)
                {
                    var l = newLines[start + i];
                    insert.Set(i, l.Isbn, l.Name, l.Authors, l.Publisher, l.AgeBandId, l.Genre.ToString(), l.Language, l.Quantity,
                        Title.BuildSearchText(l.Isbn, l.Name, l.Authors, l.Publisher), TextKey.NaturalSortKey(l.Name));
                }
                await insert.Command.ExecuteNonQueryAsync(ct);
                if (insert != full)
                {
                    await insert.DisposeAsync();
                }
            }
        }
        if (newLines.Count > 0)
        {
            // Ids in one read after the inserts (works on SQLite and PostgreSQL). Rows another writer might add
            // meanwhile cannot carry one of our ISBNs (unique index), so mapping by ISBN stays right.
            await using var read = connection.CreateCommand();
            read.Transaction = tx;
            read.CommandText = "SELECT \"Id\", \"Isbn\" FROM \"Titles\" WHERE \"Id\" > @before";
            AddParameter(read, "@before").Value = before;
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids[reader.GetString(1)] = reader.GetInt32(0);
            }
        }
        // 2. Copies added to titles that already exist (or were created by an earlier line of the file).
        await using (var addStock = connection.CreateCommand())
        {
            addStock.Transaction = tx;
            addStock.CommandText = "UPDATE \"Titles\" SET \"OnHand\" = \"OnHand\" + @qty WHERE \"Id\" = @id";
            var qty = AddParameter(addStock, "@qty");
            var id = AddParameter(addStock, "@id");
            await addStock.PrepareAsync(ct);
            foreach (var line in preview.Lines.Where(l => !l.CreatesTitle))
            {
                qty.Value = line.Quantity;
                id.Value = line.ExistingTitleId ?? ids[line.Isbn];
                if (await addStock.ExecuteNonQueryAsync(ct) != 1)
                {
                    throw new DomainException($"Ligne {line.Line} : le titre ISBN {line.Isbn} a disparu pendant l'import. Rien n'a été importé.", "File");
                }
            }
        }

        // 3. One donation movement per line.
        string[] movementColumns = ["TitleId", "Quantity", "Reference"];
        (string, object?)[] movementShared =
        [
            ("Kind", nameof(StockMovementKind.DonationReceived)), ("AtUtc", now), ("OccurredOn", preview.ReceivedOn),
            ("ActorId", db.Actor.UserId), ("ActorName", db.Actor.Name), ("Reason", reason), ("Donor", preview.Publisher), ("ImportId", record.Id),
        ];
        await using (var full = await BatchInsert.CreateAsync(connection, tx, "StockMovements", movementColumns, movementShared, MovementBatchRows, ct))
        {
            for (var start = 0; start < preview.Lines.Count; start += MovementBatchRows)
            {
                var count = Math.Min(MovementBatchRows, preview.Lines.Count - start);
                var insert = count == MovementBatchRows ? full : await BatchInsert.CreateAsync(connection, tx, "StockMovements", movementColumns, movementShared, count, ct);
                for (var i = 0; i < count; i++)
                {
                    var l = preview.Lines[start + i];
                    insert.Set(i, l.ExistingTitleId ?? ids[l.Isbn], l.Quantity, $"{preview.FileName} ligne {l.Line}");
                }
                await insert.Command.ExecuteNonQueryAsync(ct);
                if (insert != full)
                {
                    await insert.DisposeAsync();
                }
            }
        }
    }

    /// <summary>
    /// The same three steps on PostgreSQL (ADR 0900): binary COPY for the new titles and for the movements, one
    /// set-based UPDATE for the copies added to existing titles. Runs on the context's connection, in its transaction.
    /// </summary>
    private async Task WriteLinesWithCopyAsync(Npgsql.NpgsqlConnection connection, StockImport record, ImportPreview preview, DateTime now, string reason, CancellationToken ct)
    {
        var newLines = preview.Lines.Where(l => l.CreatesTitle).ToList();
        var ids = new Dictionary<string, int>(newLines.Count);
        if (newLines.Count > 0)
        {
            await using (var titles = await connection.BeginBinaryImportAsync(
                "COPY \"Titles\" (\"Isbn\", \"Name\", \"Authors\", \"Publisher\", \"AgeBandId\", \"Genre\", \"Language\", \"OnHand\", \"Reserved\", \"SearchText\", \"SortKey\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var l in newLines)
                {
                    await titles.StartRowAsync(ct);
                    await titles.WriteAsync(l.Isbn, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(l.Name, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(l.Authors, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(l.Publisher, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(l.AgeBandId, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await titles.WriteAsync(l.Genre.ToString(), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(l.Language, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(l.Quantity, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await titles.WriteAsync(0, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                    await titles.WriteAsync(Title.BuildSearchText(l.Isbn, l.Name, l.Authors, l.Publisher), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                    await titles.WriteAsync(TextKey.NaturalSortKey(l.Name), NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                }
                await titles.CompleteAsync(ct);
            }
            // Ids by ISBN (unique), read back in one statement.
            await using var read = new Npgsql.NpgsqlCommand("SELECT \"Id\", \"Isbn\" FROM \"Titles\" WHERE \"Isbn\" = ANY(@isbns)", connection);
            read.Parameters.AddWithValue("isbns", newLines.Select(l => l.Isbn).ToArray());
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids[reader.GetString(1)] = reader.GetInt32(0);
            }
        }

        // Copies added to titles that already exist (or were created by an earlier line), summed per title.
        var added = preview.Lines.Where(l => !l.CreatesTitle)
            .GroupBy(l => l.ExistingTitleId ?? ids[l.Isbn])
            .Select(g => (Id: g.Key, Copies: g.Sum(l => l.Quantity), First: g.First()))
            .ToList();
        if (added.Count > 0)
        {
            await using var update = new Npgsql.NpgsqlCommand("""
                UPDATE "Titles" SET "OnHand" = "Titles"."OnHand" + a.copies
                FROM unnest(@ids, @copies) AS a(id, copies)
                WHERE "Titles"."Id" = a.id
                """, connection);
            update.Parameters.AddWithValue("ids", added.Select(a => a.Id).ToArray());
            update.Parameters.AddWithValue("copies", added.Select(a => a.Copies).ToArray());
            var changed = await update.ExecuteNonQueryAsync(ct);
            if (changed != added.Count)
            {
                throw new DomainException($"Un titre du fichier a disparu pendant l'import (ligne {added[0].First.Line} ou suivantes). Rien n'a été importé.", "File");
            }
        }

        // One donation movement per line.
        await using (var movements = await connection.BeginBinaryImportAsync(
            "COPY \"StockMovements\" (\"TitleId\", \"Quantity\", \"Reference\", \"Kind\", \"AtUtc\", \"OccurredOn\", \"ActorId\", \"ActorName\", \"Reason\", \"Donor\", \"ImportId\") FROM STDIN (FORMAT BINARY)", ct))
        {
            var kind = nameof(StockMovementKind.DonationReceived);
            foreach (var l in preview.Lines)
            {
                await movements.StartRowAsync(ct);
                await movements.WriteAsync(l.ExistingTitleId ?? ids[l.Isbn], NpgsqlTypes.NpgsqlDbType.Integer, ct);
                await movements.WriteAsync(l.Quantity, NpgsqlTypes.NpgsqlDbType.Integer, ct);
                var reference = $"{preview.FileName} ligne {l.Line}";
                await movements.WriteAsync(reference.Length > StockMovement.ReferenceMaxLength ? reference[^StockMovement.ReferenceMaxLength..] : reference, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await movements.WriteAsync(kind, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await movements.WriteAsync(now, NpgsqlTypes.NpgsqlDbType.Timestamp, ct);
                await movements.WriteAsync(preview.ReceivedOn, NpgsqlTypes.NpgsqlDbType.Date, ct);
                await WriteNullableAsync(movements, db.Actor.UserId, ct);
                await WriteNullableAsync(movements, db.Actor.Name, ct);
                await movements.WriteAsync(reason, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await movements.WriteAsync(preview.Publisher, NpgsqlTypes.NpgsqlDbType.Varchar, ct);
                await movements.WriteAsync(record.Id, NpgsqlTypes.NpgsqlDbType.Integer, ct);
            }
            await movements.CompleteAsync(ct);
        }
    }

    private static async Task WriteNullableAsync(Npgsql.NpgsqlBinaryImporter importer, string? value, CancellationToken ct)
    {
        if (value is null)
        {
            await importer.WriteNullAsync(ct);
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlTypes.NpgsqlDbType.Text, ct);
        }
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }

    /// <summary>INSERT INTO table (columns..., shared...) VALUES (@r0c0, ..., @s0, ...), (...), ...</summary>
    private sealed class BatchInsert : IAsyncDisposable
    {
        private readonly DbParameter[,] _cells;

        private BatchInsert(DbCommand command, DbParameter[,] cells)
        {
            Command = command;
            _cells = cells;
        }

        public DbCommand Command { get; }

        public static async Task<BatchInsert> CreateAsync(DbConnection connection, DbTransaction transaction, string table, string[] columns,
            (string Column, object? Value)[] shared, int rows, CancellationToken ct)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new System.Text.StringBuilder($"INSERT INTO \"{table}\" (")
                .AppendJoin(", ", columns.Concat(shared.Select(s => s.Column)).Select(c => $"\"{c}\""))
                .Append(") VALUES ");
            for (var s = 0; s < shared.Length; s++)
            {
                AddParameter(command, $"@s{s}").Value = shared[s].Value ?? DBNull.Value;
            }
            var cells = new DbParameter[rows, columns.Length];
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    sql.Append(c == 0 ? "" : ", ").Append("@r").Append(r).Append('c').Append(c);
                    cells[r, c] = AddParameter(command, $"@r{r}c{c}");
                }
                for (var s = 0; s < shared.Length; s++)
                {
                    sql.Append(", @s").Append(s);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.PrepareAsync(ct);
            return new BatchInsert(command, cells);
        }

        public void Set(int row, params object?[] values)
        {
            for (var c = 0; c < values.Length; c++)
            {
                _cells[row, c].Value = values[c] ?? DBNull.Value;
            }
        }

        public ValueTask DisposeAsync() => Command.DisposeAsync();
    }
}
